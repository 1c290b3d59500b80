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
        try await record(
            connectionID: connectionID,
            [(providerMessageID: providerMessageID, messageID: messageID, decision: decision, addresses: addresses)])
    }

    /// Records (or replaces) the decisions for several of a connection's provider messages in one
    /// statement; each provider message at most once.
    public func record(
        connectionID: UUID,
        _ decisions: [(providerMessageID: String, messageID: String, decision: SyncDecision, addresses: [String])]
    ) async throws {
        guard !decisions.isEmpty else { return }
        let subAccountID = try transaction.requireSubAccount()
        let codes = decisions.map { entry in
            switch entry.decision {
            case .sync(let plan): ("synced", plan.reason.rawValue)
            case .skip(let reason): ("skipped", reason.rawValue)
            }
        }
        // Each row's addresses as a JSON array: unnest cannot take an array of arrays of other lengths.
        let addresses = try decisions.map { entry in
            String(decoding: try JSONEncoder().encode(entry.addresses.map { $0.lowercased() }), as: UTF8.self)
        }
        try await transaction.connection.query(
            """
            INSERT INTO sync_decisions (
                sub_account_id, connection_id, provider_message_id, message_id_header, decision, reason, addresses)
            SELECT \(subAccountID), \(connectionID), u.provider_message_id, u.message_id_header, u.decision, u.reason,
                   ARRAY(SELECT jsonb_array_elements_text(u.addresses::jsonb))
            FROM unnest(\(PostgresTextArray(decisions.map(\.providerMessageID)))::text[],
                        \(PostgresTextArray(decisions.map(\.messageID)))::text[],
                        \(PostgresTextArray(codes.map(\.0)))::text[], \(PostgresTextArray(codes.map(\.1)))::text[],
                        \(PostgresTextArray(addresses))::text[])
                 AS u(provider_message_id, message_id_header, decision, reason, addresses)
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
