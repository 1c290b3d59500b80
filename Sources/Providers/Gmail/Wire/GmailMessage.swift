/// `Message` of the Gmail API, as far as the service reads it.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages#Message
struct GmailMessage: Codable, Sendable, Hashable {
    var id: String
    var threadId: String?
    var labelIds: [String]?
    var snippet: String?
    var historyId: GoogleUInt64?
    /// Epoch milliseconds.
    var internalDate: GoogleUInt64?
    var sizeEstimate: Int?
    /// The whole message, base64url (format=raw only).
    var raw: String?

    var reference: ProviderMessageRef { ProviderMessageRef(id: id, threadID: threadId) }
}
