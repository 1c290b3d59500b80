import Foundation
import JobQueue
import Postgres

/// The database floor: the rows the sync produced (messages, attachments, message and thread
/// maps, decisions, contacts it created) inserted again into empty copies of the same tables
/// (`CREATE TABLE ... (LIKE ... INCLUDING ALL)`: same columns, defaults, checks and indexes) by
/// this one client, one transaction per 50 provider messages, each table one multi-row INSERT of
/// the rows sent as text. Reading the rows back is not timed; only the inserts and commits are.
struct DatabaseFloor {
    static let tables = [
        "messages", "message_attachments", "provider_message_maps", "provider_thread_maps", "sync_decisions", "contacts",
    ]
    static let batchSize = 50

    let client: PostgresClient

    /// Provider messages stored per second by the database alone, for the decisions made up to
    /// `cutoff` (the timed sync phase).
    func measure(upTo cutoff: Date) async throws -> Double {
        try await client.withConnection { db in
            _ = try await db.query("DROP SCHEMA IF EXISTS floor CASCADE")
            _ = try await db.query("CREATE SCHEMA floor")
            for table in Self.tables {
                _ = try await db.query(
                    "CREATE TABLE floor.\(identifier: table) (LIKE public.\(identifier: table) INCLUDING ALL)")
            }
        }
        let decisions = try await client.query(
            """
            SELECT connection_id, provider_message_id FROM sync_decisions WHERE decided_at <= \(cutoff)
            ORDER BY sub_account_id, decided_at
            """
        ).decode((UUID, String).self)
        var insertTime = Duration.zero
        var seenMessages = Set<String>()
        var seenThreads = Set<String>()
        var first = true
        for start in stride(from: 0, to: decisions.count, by: Self.batchSize) {
            let batch = decisions[start..<min(start + Self.batchSize, decisions.count)]
            let connections = PostgresTextArray(batch.map(\.0.uuidString))
            let providerIDs = PostgresTextArray(batch.map(\.1))
            var rows = [String: [String]]()
            rows["sync_decisions"] = try await client.query(
                """
                SELECT d::text FROM sync_decisions d JOIN unnest(\(connections)::uuid[], \(providerIDs)::text[]) AS k(c, p)
                ON d.connection_id = k.c AND d.provider_message_id = k.p
                """
            ).decodeColumn(String.self)
            let maps = try await client.query(
                """
                SELECT m::text, m.message_id::text, m.connection_id::text || '/' || coalesce(m.provider_thread_id, '')
                FROM provider_message_maps m JOIN unnest(\(connections)::uuid[], \(providerIDs)::text[]) AS k(c, p)
                ON m.connection_id = k.c AND m.provider_message_id = k.p
                """
            ).decode((String, String, String).self)
            rows["provider_message_maps"] = maps.map(\.0)
            let newMessages = Array(Set(maps.map(\.1)).subtracting(seenMessages))
            seenMessages.formUnion(newMessages)
            let messageIDs = PostgresTextArray(newMessages)
            rows["messages"] = try await client.query(
                "SELECT m::text FROM messages m WHERE m.id = ANY(\(messageIDs)::uuid[])"
            ).decodeColumn(String.self)
            rows["message_attachments"] = try await client.query(
                "SELECT a::text FROM message_attachments a WHERE a.message_id = ANY(\(messageIDs)::uuid[])"
            ).decodeColumn(String.self)
            let threadKeys = Set(maps.map(\.2)).subtracting(seenThreads)
            seenThreads.formUnion(threadKeys)
            rows["provider_thread_maps"] = try await client.query(
                """
                SELECT t::text FROM provider_thread_maps t
                WHERE t.connection_id::text || '/' || t.provider_thread_id = ANY(\(PostgresTextArray(Array(threadKeys))))
                """
            ).decodeColumn(String.self)
            rows["contacts"] =
                first
                ? try await client.query("SELECT c::text FROM contacts c WHERE c.source <> 'crm'").decodeColumn(String.self)
                : []
            first = false
            let started = ContinuousClock.now
            try await client.withTransaction { db in
                for table in Self.tables {
                    guard let values = rows[table], !values.isEmpty else { continue }
                    _ = try await db.query(
                        """
                        INSERT INTO floor.\(identifier: table) SELECT (r::floor.\(identifier: table)).*
                        FROM unnest(\(PostgresTextArray(values))::text[]) AS r
                        """)
                }
            }
            insertTime += ContinuousClock.now - started
        }
        print(String(format: "database floor: %d provider messages in %.1f s of inserts", decisions.count, insertTime.seconds))
        return Double(decisions.count) / insertTime.seconds
    }
}
