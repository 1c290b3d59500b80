/// Request body of `users.watch`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/watch
struct GmailWatchRequest: Codable, Sendable, Hashable {
    var topicName: String
    var labelIds: [String]?
    /// `INCLUDE` or `EXCLUDE`.
    var labelFilterBehavior: String?
}
