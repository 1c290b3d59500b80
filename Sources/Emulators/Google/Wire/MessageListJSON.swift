/// Response of `users.messages.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list
struct MessageListJSON: Encodable, Sendable {
    var messages: [MessageJSON]?
    var nextPageToken: String?
    var resultSizeEstimate: Int
}
