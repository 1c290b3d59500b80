import Foundation

/// The payload of a `message.state_changed` event: the message's read or trash state changed, in
/// a mailbox (the provider) or in the CRM (rule 10).
public struct MessageStateChanged: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "message.state_changed"

    /// The stored message.
    public var messageID: UUID
    /// The connection whose mailbox changed it; nil when the CRM changed it.
    public var connectionID: UUID?

    /// Creates a payload.
    public init(messageID: UUID, connectionID: UUID?) {
        self.messageID = messageID
        self.connectionID = connectionID
    }
}
