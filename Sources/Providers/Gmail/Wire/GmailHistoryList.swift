/// Response of `users.history.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.history/list
struct GmailHistoryList: Codable, Sendable, Hashable {
    var history: [GmailHistoryRecord]?
    var nextPageToken: String?
    /// The mailbox's current history id.
    var historyId: GoogleUInt64
}
