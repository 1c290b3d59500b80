import Foundation

/// The payload of a `message.bounced` event: a delivery status report said a CRM-sent message
/// could not be delivered.
public struct MessageBounced: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "message.bounced"

    /// The CRM message that bounced.
    public var messageID: UUID
    /// The recipients the report names as failed, lower case.
    public var failedRecipients: [String]
}
