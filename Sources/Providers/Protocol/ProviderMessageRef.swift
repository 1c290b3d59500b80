/// A message's ids at the provider.
public struct ProviderMessageRef: Sendable, Hashable, Codable {
    /// The provider's immutable message id.
    public var id: String
    /// The provider's thread id (Gmail `threadId`, Graph `conversationId`), when known.
    public var threadID: String?

    /// Creates a reference.
    public init(id: String, threadID: String?) {
        self.id = id
        self.threadID = threadID
    }
}
