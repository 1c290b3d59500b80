import Foundation

/// A mailbox's push subscription at the provider.
public struct PushSubscription: Sendable, Hashable, Codable {
    /// The subscription ids (Graph: one per folder); empty for Gmail, whose watch is per mailbox.
    public var ids: [String]
    /// When the provider stops pushing unless renewed.
    public var expiresAt: Date
    /// The mailbox position when the subscription started (Gmail's watch answers with one).
    public var cursor: MailboxCursor?

    /// Creates a subscription.
    public init(ids: [String], expiresAt: Date, cursor: MailboxCursor?) {
        self.ids = ids
        self.expiresAt = expiresAt
        self.cursor = cursor
    }
}
