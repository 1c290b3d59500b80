import Foundation
import Postgres

extension SyncDecisionRepository {
    /// A connection's sync log, newest first: "why is this email missing?". `reason` keeps one
    /// reason code, `address` the messages with that participant (case-insensitive); nil keeps all.
    public func log(connectionIDs: [UUID], reason: String? = nil, address: String? = nil, limit: Int = 200)
        async throws -> [SyncDecisionEntry]
    {
        let subAccountID = try transaction.requireSubAccount()
        let connections = PostgresTextArray(connectionIDs.map { $0.uuidString })
        let address = address?.lowercased()
        return try await transaction.connection.query(
            """
            SELECT connection_id, provider_message_id, message_id_header, decision, reason, addresses, decided_at
            FROM sync_decisions
            WHERE sub_account_id = \(subAccountID) AND connection_id = ANY(\(connections)::uuid[])
              AND (\(reason)::text IS NULL OR reason = \(reason))
              AND (\(address)::text IS NULL OR \(address) = ANY(addresses))
            ORDER BY decided_at DESC, provider_message_id
            LIMIT \(limit)
            """
        ).map { row in
            SyncDecisionEntry(
                connectionID: try row.decode(UUID.self, column: "connection_id"),
                providerMessageID: try row.decode(String.self, column: "provider_message_id"),
                messageID: try row.decode(String.self, column: "message_id_header"),
                decision: try row.decode(String.self, column: "decision"),
                reason: try row.decode(String.self, column: "reason"),
                addresses: try row.decodeStrings(column: "addresses"),
                decidedAt: try row.decode(Date.self, column: "decided_at"))
        }
    }
}
