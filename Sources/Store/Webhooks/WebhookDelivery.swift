import Foundation

/// One event to one endpoint, as the delivery list shows it.
public struct WebhookDelivery: Sendable, Hashable {
    /// Where a delivery stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Not acknowledged yet; retried until the horizon.
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Failed until the horizon; `redeliver` puts it back.
        case dead
    }

    /// The endpoint.
    public var endpointID: UUID
    /// The event's sub-account.
    public var subAccountID: UUID
    /// The event (`events.id`), also the `MailSync-Event-Id` header.
    public var eventID: Int64
    /// The event's type.
    public var eventType: String
    /// Where it stands.
    public var state: State
    /// POSTs made since it was created or redelivered.
    public var attempts: Int
    /// Not retried before this time (pending only).
    public var nextAttemptAt: Date
    /// The last POST.
    public var lastAttemptAt: Date?
    /// The last failure: `http_503`, `timeout`, `connection_failed`, ... (never a body or a secret).
    public var lastError: String?
    /// When the receiver acknowledged it.
    public var deliveredAt: Date?
    /// When it was created (with its event).
    public var createdAt: Date
}
