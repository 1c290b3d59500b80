import Foundation

/// A thread as a conversation lists it.
public struct ThreadSummary: Sendable, Hashable, Identifiable {
    /// The thread.
    public var id: UUID
    /// `crm` (a CRM send started it) or `mailbox`.
    public var origin: String
    /// The subject of its first message.
    public var subject: String?
    /// Every From, To and Cc address of its messages, lower case, sorted.
    public var participants: [String]
    /// How many messages it holds.
    public var messageCount: Int
    /// The time of its newest message (Date header, else when it was stored).
    public var lastMessageAt: Date

    /// Creates a summary.
    public init(
        id: UUID, origin: String, subject: String?, participants: [String], messageCount: Int, lastMessageAt: Date
    ) {
        self.id = id
        self.origin = origin
        self.subject = subject
        self.participants = participants
        self.messageCount = messageCount
        self.lastMessageAt = lastMessageAt
    }
}
