/// Request body of `users.messages.send` (a `Message` with `raw` and, for a reply, `threadId`).
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send
struct GmailSendBody: Codable, Sendable, Hashable {
    /// The RFC 5322 message, base64url.
    var raw: String
    var threadId: String?
}
