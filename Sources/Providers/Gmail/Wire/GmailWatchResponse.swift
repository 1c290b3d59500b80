/// Response of `users.watch`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/watch
struct GmailWatchResponse: Codable, Sendable, Hashable {
    var historyId: GoogleUInt64
    /// Epoch milliseconds.
    var expiration: GoogleUInt64
}
