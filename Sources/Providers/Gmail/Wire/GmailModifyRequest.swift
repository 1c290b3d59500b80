/// Request body of `users.messages.modify`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/modify
struct GmailModifyRequest: Codable, Sendable, Hashable {
    var addLabelIds: [String]?
    var removeLabelIds: [String]?
}
