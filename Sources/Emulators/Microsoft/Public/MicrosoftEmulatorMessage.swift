/// A message of an emulated mailbox, as the control API reports it.
public struct MicrosoftEmulatorMessage: Sendable, Hashable, Codable {
    /// The immutable id (what a client using `Prefer: IdType="ImmutableId"` sees).
    public var id: String
    /// The current REST id, which changes when the message moves.
    public var restID: String
    /// The folder's id.
    public var folderID: String
    /// `conversationId`.
    public var conversationID: String
    /// `internetMessageId`, with angle brackets.
    public var internetMessageID: String
    /// The subject.
    public var subject: String?
    /// Whether it is read.
    public var isRead: Bool
    /// Whether it is an unsent draft.
    public var isDraft: Bool

    /// Creates a message value.
    public init(
        id: String, restID: String, folderID: String, conversationID: String, internetMessageID: String,
        subject: String?, isRead: Bool, isDraft: Bool
    ) {
        self.id = id
        self.restID = restID
        self.folderID = folderID
        self.conversationID = conversationID
        self.internetMessageID = internetMessageID
        self.subject = subject
        self.isRead = isRead
        self.isDraft = isDraft
    }
}
