import Foundation

/// The payload of a `message.state_changed` event: the provider's read or trash state changed.
public struct MessageStateChanged: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "message.state_changed"

    /// The stored message.
    public var messageID: UUID
    /// The connection whose mailbox changed it.
    public var connectionID: UUID
}
