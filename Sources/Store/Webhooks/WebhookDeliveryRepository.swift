import Foundation
import JobQueue
import Postgres
import SyncCore

/// Webhook deliveries. In a sub-account scope: the lanes' heads and their outcomes (the delivery
/// job). In an agency scope: an endpoint's delivery list across its sub-accounts, and redeliver.
public struct WebhookDeliveryRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private var agencyID: UUID { transaction.scope.agencyID }

    // MARK: - A lane (sub-account scope)

    /// The oldest pending delivery of the sub-account to `endpointID`, or nil when none is pending.
    public func head(endpointID: UUID) async throws -> PendingWebhookDelivery? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT d.event_id, e.type, e.payload, e.created_at, d.attempts, d.retrying_since, d.next_attempt_at, now()
            FROM webhook_deliveries d
            JOIN events e ON e.sub_account_id = d.sub_account_id AND e.id = d.event_id
            WHERE d.sub_account_id = \(subAccountID) AND d.endpoint_id = \(endpointID) AND d.state = 'pending'
            ORDER BY d.event_id LIMIT 1
            """
        ).first.map { row in
            let (eventID, type, payload, createdAt, attempts, since, next, now) = try row.decode(
                (Int64, String, PostgresJSON, Date, Int, Date, Date, Date).self)
            return PendingWebhookDelivery(
                eventID: eventID, eventType: type, payload: payload, eventCreatedAt: createdAt, attempts: attempts,
                retryingSince: since, nextAttemptAt: next, now: now)
        }
    }

    /// Records an acknowledged delivery; the event counts as delivered once no endpoint has it pending.
    public func markDelivered(endpointID: UUID, eventID: Int64) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at = now(),
                   delivered_at = now(), next_attempt_at = now()
            WHERE sub_account_id = \(subAccountID) AND endpoint_id = \(endpointID) AND event_id = \(eventID)
                  AND state = 'pending'
            """)
        try await settleEvent(eventID)
    }

    /// Records a failed attempt: retried at `retryAt`, or dead when it is nil.
    public func markFailed(endpointID: UUID, eventID: Int64, error: String, retryAt: Date?) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_error = \(error),
                   state = CASE WHEN \(retryAt)::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                   next_attempt_at = coalesce(\(retryAt)::timestamptz, now())
            WHERE sub_account_id = \(subAccountID) AND endpoint_id = \(endpointID) AND event_id = \(eventID)
                  AND state = 'pending'
            """)
        if retryAt == nil { try await settleEvent(eventID) }
    }

    /// Sets `events.delivered_at` when none of the event's deliveries is pending any more.
    private func settleEvent(_ eventID: Int64) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            UPDATE events SET delivered_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(eventID) AND delivered_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                              WHERE d.sub_account_id = \(subAccountID) AND d.event_id = \(eventID) AND d.state = 'pending')
            """)
    }

    // MARK: - An endpoint's list (agency scope)

    /// The endpoint's deliveries, newest event first, optionally in one state, after the cursor
    /// `beforeEventID` (exclusive), at most `limit`.
    public func list(
        endpointID: UUID, state: WebhookDelivery.State?, beforeEventID: Int64?, limit: Int
    ) async throws -> [WebhookDelivery] {
        try await transaction.connection.query(
            """
            SELECT d.endpoint_id, d.sub_account_id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at,
                   d.last_attempt_at, d.last_error, d.delivered_at, d.created_at
            FROM webhook_deliveries d
            WHERE d.agency_id = \(agencyID) AND d.endpoint_id = \(endpointID)
              AND (\(state?.rawValue)::text IS NULL OR d.state = \(state?.rawValue))
              AND (\(beforeEventID)::bigint IS NULL OR d.event_id < \(beforeEventID))
            ORDER BY d.event_id DESC LIMIT \(limit)
            """
        ).map(Self.delivery)
    }

    /// Puts a dead delivery back: pending, due now, with a new retry horizon, and wakes its lane.
    /// Nil when the endpoint has no delivery of that event; `redelivered` is false (and the
    /// delivery unchanged) when it was not dead.
    public func redeliver(endpointID: UUID, eventID: Int64) async throws -> (
        delivery: WebhookDelivery, redelivered: Bool
    )? {
        let changed = try await transaction.connection.query(
            """
            UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = now(),
                   retrying_since = now()
            WHERE agency_id = \(agencyID) AND endpoint_id = \(endpointID) AND event_id = \(eventID) AND state = 'dead'
            RETURNING sub_account_id
            """
        ).first
        if let changed {
            let subAccountID = try changed.decode(UUID.self, at: 0)
            try await transaction.withScope(.subAccount(subAccountID, of: agencyID)) { scoped in
                try await scoped.connection.query(
                    "UPDATE events SET delivered_at = NULL WHERE sub_account_id = \(subAccountID) AND id = \(eventID)")
            }
            try await JobQueue.enqueue(
                [WebhookJobs.deliver(agencyID: agencyID, subAccountID: subAccountID, endpointID: endpointID)],
                on: transaction.connection)
        }
        return try await list(endpointID: endpointID, state: nil, beforeEventID: eventID + 1, limit: 1)
            .first { $0.eventID == eventID }.map { ($0, changed != nil) }
    }

    static func delivery(_ row: PostgresRow) throws -> WebhookDelivery {
        let (
            endpointID, subAccountID, eventID, type, stateText, attempts, next, lastAttempt, lastError, delivered,
            created
        ) =
            try row.decode((UUID, UUID, Int64, String, String, Int, Date, Date?, String?, Date?, Date).self)
        guard let state = WebhookDelivery.State(rawValue: stateText) else {
            throw StoreError(.invalidStoredValue, object: "webhook_deliveries.state")
        }
        return WebhookDelivery(
            endpointID: endpointID, subAccountID: subAccountID, eventID: eventID, eventType: type, state: state,
            attempts: attempts, nextAttemptAt: next, lastAttemptAt: lastAttempt, lastError: lastError,
            deliveredAt: delivered, createdAt: created)
    }
}
