/// Response of `users.messages.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list
struct GmailMessageList: Codable, Sendable, Hashable {
    var messages: [GmailMessage]?
    var nextPageToken: String?
    var resultSizeEstimate: Int?
}
