import Foundation
import Postgres
import SyncCore

/// Why each mailbox message a connection saw was synced or skipped (SPEC rule 9): ids, reason and
/// participant addresses, never subjects or bodies. One decision per connection and provider
/// message; deciding again replaces it, and keeps its time when the outcome is the same (the
/// late-contact window of rule 11 counts from the first skip).
public struct SyncDecisionRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Records (or replaces) the decision for a connection's provider message.
    public func record(
        connectionID: UUID, providerMessageID: String, messageID: String, decision: SyncDecision, addresses: [String]
    ) async throws {
        let subAccountID = try transaction.requireSubAccount()
        let (kind, reason) =
            switch decision {
            case .sync(let plan): ("synced", plan.reason.rawValue)
            case .skip(let reason): ("skipped", reason.rawValue)
            }
        let lowered = PostgresTextArray(addresses.map { $0.lowercased() })
        try await transaction.connection.query(
            """
            INSERT INTO sync_decisions (
                sub_account_id, connection_id, provider_message_id, message_id_header, decision, reason, addresses)
            VALUES (\(subAccountID), \(connectionID), \(providerMessageID), \(messageID), \(kind), \(reason), \(lowered))
            ON CONFLICT (sub_account_id, connection_id, provider_message_id) DO UPDATE SET
                message_id_header = EXCLUDED.message_id_header, decision = EXCLUDED.decision, reason = EXCLUDED.reason,
                addresses = EXCLUDED.addresses,
                decided_at = CASE
                    WHEN (sync_decisions.decision, sync_decisions.reason) = (EXCLUDED.decision, EXCLUDED.reason)
                    THEN sync_decisions.decided_at ELSE now() END
            """)
    }

    /// The decision for a connection's provider message, as its stored codes.
    public func get(connectionID: UUID, providerMessageID: String) async throws -> (decision: String, reason: String)? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT decision, reason FROM sync_decisions
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
              AND provider_message_id = \(providerMessageID)
            """
        ).decode((String, String).self).first.map { (decision: $0.0, reason: $0.1) }
    }
}
