import Foundation
import JobQueue
import Postgres

/// What appending an event does for webhooks, inside the append's transaction: one pending
/// delivery per enabled endpoint of the agency whose filter takes the type, and a wake-up of
/// each of those lanes.
///
/// When the agency has an enabled endpoint, the append first takes a transaction-level advisory
/// lock on the sub-account, so the sub-account's event-writing transactions commit in event id
/// order and a lane never delivers an id while a smaller one is still uncommitted.
struct WebhookFanOut {
    let transaction: TenantTransaction
    let subAccountID: UUID

    /// Takes the sub-account's event lock when some endpoint of the agency is enabled; one row then.
    var lockIfSubscribed: PostgresQuery {
        """
        SELECT pg_advisory_xact_lock(hashtextextended('mailsync.events:' || \(subAccountID)::text, 0))
        FROM (SELECT 1 FROM webhook_endpoints WHERE agency_id = \(transaction.scope.agencyID) AND enabled LIMIT 1) s
        """
    }

    /// Writes the event's deliveries and wakes their lanes.
    func deliver(eventID: Int64, type: String) async throws {
        let agencyID = transaction.scope.agencyID
        let endpoints = try await transaction.connection.query(
            """
            INSERT INTO webhook_deliveries (sub_account_id, endpoint_id, event_id, agency_id, event_type)
            SELECT \(subAccountID), e.id, \(eventID), e.agency_id, \(type) FROM webhook_endpoints e
            WHERE e.agency_id = \(agencyID) AND e.enabled AND (e.event_types IS NULL OR \(type) = ANY(e.event_types))
            RETURNING endpoint_id
            """
        ).decodeColumn(UUID.self)
        try await JobQueue.enqueue(
            endpoints.map { WebhookJobs.deliver(agencyID: agencyID, subAccountID: subAccountID, endpointID: $0) },
            on: transaction.connection)
    }
}
