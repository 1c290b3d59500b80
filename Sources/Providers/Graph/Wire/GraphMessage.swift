/// The properties of a Graph `message` the client reads
/// (https://learn.microsoft.com/graph/api/resources/message), or a delta entry marked `@removed`.
struct GraphMessage: Decodable, Sendable {
    /// A recipient: `{"emailAddress": {"name": ..., "address": ...}}`.
    struct Recipient: Decodable, Sendable {
        struct EmailAddress: Decodable, Sendable {
            var name: String?
            var address: String?
        }

        var emailAddress: EmailAddress?
    }

    /// The `@removed` annotation of a delta entry: the message left the folder.
    struct Removed: Decodable, Sendable {
        var reason: String?
    }

    var id: String
    var conversationId: String?
    var internetMessageId: String?
    var parentFolderId: String?
    var isRead: Bool?
    var isDraft: Bool?
    var receivedDateTime: String?
    var sentDateTime: String?
    var bccRecipients: [Recipient]?
    var removed: Removed?

    enum CodingKeys: String, CodingKey {
        case id, conversationId, internetMessageId, parentFolderId, isRead, isDraft, receivedDateTime, sentDateTime
        case bccRecipients
        case removed = "@removed"
    }
}
