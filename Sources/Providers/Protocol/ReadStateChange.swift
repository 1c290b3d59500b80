/// A message marked read or unread in the mailbox.
public struct ReadStateChange: Sendable, Hashable {
    /// The message.
    public var message: ProviderMessageRef
    /// Whether it is read now.
    public var isRead: Bool

    /// Creates a change.
    public init(message: ProviderMessageRef, isRead: Bool) {
        self.message = message
        self.isRead = isRead
    }
}
