/// A message that appeared in the mailbox or changed labels or folder.
public struct ChangedMessage: Sendable, Hashable {
    /// The message.
    public var message: ProviderMessageRef
    /// Its state after the change, when the change record carried it.
    public var state: MessageState?

    /// Creates a change.
    public init(message: ProviderMessageRef, state: MessageState?) {
        self.message = message
        self.state = state
    }
}
