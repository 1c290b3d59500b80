import Foundation
import Postgres

/// The head of a delivery lane: the oldest pending event of one sub-account for one endpoint,
/// with what the request needs and what the retry decision reads.
public struct PendingWebhookDelivery: Sendable, Hashable {
    /// The event's id.
    public var eventID: Int64
    /// The event's type.
    public var eventType: String
    /// The event's JSON body (`data` of the request).
    public var payload: PostgresJSON
    /// When the event was written.
    public var eventCreatedAt: Date
    /// POSTs made since `retryingSince`.
    public var attempts: Int
    /// Start of the retry horizon.
    public var retryingSince: Date
    /// Not retried before this time.
    public var nextAttemptAt: Date
    /// The database's clock when the head was read (every time comparison uses it).
    public var now: Date
}
