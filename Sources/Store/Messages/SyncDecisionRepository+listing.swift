import Foundation
import Postgres
import SyncCore

/// Listing a connection's decisions: "why is this email missing?" through the API.
extension SyncDecisionRepository {
    /// A page of the connection's decisions matching `filter`, newest first (then provider
    /// message id): those after `after`, at most `limit`.
    public func list(
        connectionID: UUID, filter: DecisionFilter = DecisionFilter(), after: DecisionCursor? = nil, limit: Int = 50
    ) async throws -> [DecisionRecord] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT connection_id, provider_message_id, message_id_header, decision, reason, decided_at,
                (extract(epoch FROM decided_at) * 1000000)::bigint AS micros
            FROM sync_decisions
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
              AND (\(filter.decision)::text IS NULL OR decision = \(filter.decision))
              AND (\(filter.reason)::text IS NULL OR reason = \(filter.reason))
              AND (\(filter.since)::timestamptz IS NULL OR decided_at >= \(filter.since))
              AND (\(filter.until)::timestamptz IS NULL OR decided_at < \(filter.until))
              AND (\(after?.decidedAtMicros)::bigint IS NULL OR (decided_at, provider_message_id) < (
                  timestamptz 'epoch' + \(after?.decidedAtMicros)::bigint * interval '1 microsecond',
                  \(after?.providerMessageID)::text))
            ORDER BY decided_at DESC, provider_message_id DESC LIMIT \(limit)
            """
        ).map { row in
            DecisionRecord(
                connectionID: try row.decode(UUID.self, column: "connection_id"),
                providerMessageID: try row.decode(String.self, column: "provider_message_id"),
                messageIDHeader: try row.decode(String.self, column: "message_id_header"),
                decision: try row.decode(String.self, column: "decision"),
                reason: try row.decode(String.self, column: "reason"),
                decidedAt: try row.decode(Date.self, column: "decided_at"),
                position: DecisionCursor(
                    decidedAtMicros: try row.decode(Int64.self, column: "micros"),
                    providerMessageID: try row.decode(String.self, column: "provider_message_id")))
        }
    }
}
