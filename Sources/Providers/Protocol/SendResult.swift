/// The provider's ids of a sent message's copy in the mailbox.
public struct SendResult: Sendable, Hashable {
    /// The sent copy (its id and thread id).
    public var message: ProviderMessageRef

    /// Creates a result.
    public init(message: ProviderMessageRef) {
        self.message = message
    }
}
