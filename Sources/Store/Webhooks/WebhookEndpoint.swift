import Foundation

/// An agency's webhook endpoint: where its sub-accounts' events are POSTed, signed with the
/// endpoint's secret (which is never part of this value).
public struct WebhookEndpoint: Sendable, Hashable {
    /// The owning agency.
    public var agencyID: UUID
    /// The endpoint's id.
    public var id: UUID
    /// The receiver's URL (HTTPS, or plain HTTP on loopback).
    public var url: String
    /// False: no new deliveries are made; pending ones wait until it is enabled again.
    public var isEnabled: Bool
    /// The event types it receives; nil means every type.
    public var eventTypes: [String]?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    /// Creates a value.
    public init(
        agencyID: UUID, id: UUID, url: String, isEnabled: Bool, eventTypes: [String]?, createdAt: Date, updatedAt: Date
    ) {
        self.agencyID = agencyID
        self.id = id
        self.url = url
        self.isEnabled = isEnabled
        self.eventTypes = eventTypes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the endpoint's filter takes events of `type`.
    public func accepts(_ type: String) -> Bool {
        eventTypes.map { $0.contains(type) } ?? true
    }
}
