/// One page of changes after a cursor.
public struct MailboxChanges: Sendable, Hashable {
    /// Messages added or moved (a change of labels or folder), with their state when the provider
    /// said it; fetch them to see their content.
    public var changed: [ChangedMessage]
    /// Messages deleted for good (not merely trashed).
    public var deleted: [ProviderMessageRef]
    /// Read-state changes, in the order they happened.
    public var readStateChanges: [ReadStateChange]
    /// Where the next call starts; store it in the same transaction as the work this page caused.
    public var nextCursor: MailboxCursor
    /// False while more pages follow: call `changes(since: nextCursor)` again.
    public var isComplete: Bool

    /// Creates a page.
    public init(
        changed: [ChangedMessage], deleted: [ProviderMessageRef], readStateChanges: [ReadStateChange],
        nextCursor: MailboxCursor, isComplete: Bool
    ) {
        self.changed = changed
        self.deleted = deleted
        self.readStateChanges = readStateChanges
        self.nextCursor = nextCursor
        self.isComplete = isComplete
    }
}
