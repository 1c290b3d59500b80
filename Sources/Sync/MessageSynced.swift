import Foundation

/// The payload of a `message.synced` event: ids only, never content.
public struct MessageSynced: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "message.synced"

    /// The stored message.
    public var messageID: UUID
    /// Its CRM thread.
    public var threadID: UUID
    /// The conversations that show it.
    public var conversationIDs: [UUID]
    /// The connection that synced it; nil for a copy posted to the BCC address.
    public var connectionID: UUID?
    /// `inbound` or `outbound`.
    public var direction: String
}
