import Foundation

/// The payload of a `connection.status_changed` event.
public struct ConnectionStatusChanged: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "connection.status_changed"

    /// The connection.
    public var connectionID: UUID
    /// `connected`, `needs_reauth`, `disconnected` or `superseded`.
    public var status: String
    /// The connection that replaced this one, for `superseded`.
    public var supersededBy: UUID?

    /// Creates a payload.
    public init(connectionID: UUID, status: String, supersededBy: UUID? = nil) {
        self.connectionID = connectionID
        self.status = status
        self.supersededBy = supersededBy
    }
}
