import Foundation

/// The payload of a `message.sent` event: a CRM send the provider accepted. Ids only, never content.
public struct MessageSent: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "message.sent"

    /// The CRM message.
    public var messageID: UUID
    /// Its CRM thread.
    public var threadID: UUID
    /// The outbox row.
    public var outboxID: UUID
    /// `mailbox` or `sub_account_provider`.
    public var sender: String
    /// The connection whose mailbox sent it (mailbox sends).
    public var connectionID: UUID?
    /// The provider's id of the sent copy (mailbox sends).
    public var providerMessageID: String?
}
