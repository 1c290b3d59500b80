/// Where a message sits in the mailbox and whether it was read, in provider-neutral terms.
public struct MessageState: Sendable, Hashable {
    /// The provider's labels (Gmail label ids) or folder (Graph well-known folder name or id).
    public var labels: [String]
    /// Whether the message is read.
    public var isRead: Bool
    /// Whether this is the user's own sent copy.
    public var isSent: Bool
    /// Whether the message is in the trash (deleted items).
    public var isTrashed: Bool

    /// Creates a state.
    public init(labels: [String], isRead: Bool, isSent: Bool, isTrashed: Bool) {
        self.labels = labels
        self.isRead = isRead
        self.isSent = isSent
        self.isTrashed = isTrashed
    }
}
