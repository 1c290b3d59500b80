import Foundation
import JobQueue
import Postgres

/// The database floor: the rows the sync produced (messages, attachments, message and thread
/// maps, decisions, contacts it created) stored again into empty copies of the same tables
/// (`CREATE TABLE ... (LIKE ... INCLUDING ALL)`: same columns, defaults, checks and indexes) by
/// this one client, one transaction per 50 provider messages, each table one
/// `COPY floor.<table> FROM STDIN` of rows already in COPY text format.
///
/// The batches are the decisions ordered by sub-account and time, cut into 50s; a message (with
/// its attachments) or a thread map belongs to the first batch whose message maps reference it,
/// and the contacts the sync created (source other than `crm`) to the first batch. Working that
/// out (in SQL, into the `floor_batches` schema) and reading the rows back (`COPY ... TO STDOUT`)
/// is not timed; only the COPYs and commits are.
struct DatabaseFloor {
    static let batchSize = 50
    /// Batches read back at once, which bounds memory: with attachments, a batch is several MB.
    static let batchesPerRead = 20

    /// The tables, each joined (as `t`) to the `floor_batches` table that gives its rows' batch
    /// (`b.batch`).
    static let tables: [(name: String, join: String)] = [
        ("messages", "messages t JOIN floor_batches.messages b USING (sub_account_id, id)"),
        (
            "message_attachments",
            "message_attachments t JOIN floor_batches.messages b "
                + "ON b.sub_account_id = t.sub_account_id AND b.id = t.message_id"
        ),
        (
            "provider_message_maps",
            "provider_message_maps t JOIN floor_batches.decisions b "
                + "USING (sub_account_id, connection_id, provider_message_id)"
        ),
        (
            "provider_thread_maps",
            "provider_thread_maps t JOIN floor_batches.threads b "
                + "USING (sub_account_id, connection_id, provider_thread_id)"
        ),
        (
            "sync_decisions",
            "sync_decisions t JOIN floor_batches.decisions b USING (sub_account_id, connection_id, provider_message_id)"
        ),
        ("contacts", "contacts t JOIN floor_batches.contacts b USING (sub_account_id, id)"),
    ]

    /// Reads a table's rows in the batches between the settings `floor.first_batch` and
    /// `floor.last_batch`, in COPY text format, each row prefixed with its batch number.
    static func read(_ join: String) -> PostgresQuery {
        // COPY takes no binds; `join` is one of the constants above and the window comes from settings.
        PostgresQuery(
            unsafeSQL: """
                COPY (SELECT b.batch, t.* FROM \(join)
                    WHERE b.batch BETWEEN current_setting('floor.first_batch')::int
                        AND current_setting('floor.last_batch')::int)
                TO STDOUT
                """)
    }

    let client: PostgresClient

    /// Provider messages stored per second by the database alone, for the decisions made up to
    /// `cutoff` (the timed sync phase).
    func measure(upTo cutoff: Date) async throws -> Double {
        let decisions = try await prepare(upTo: cutoff)
        let batches = (decisions + Self.batchSize - 1) / Self.batchSize
        var insertTime = Duration.zero
        for first in stride(from: 0, to: batches, by: Self.batchesPerRead) {
            for rows in try await read(first..<min(first + Self.batchesPerRead, batches)) {
                let started = ContinuousClock.now
                try await client.withTransaction { db in
                    for (table, data) in zip(Self.tables, rows) where !data.isEmpty {
                        try await db.copyIn("COPY floor.\(identifier: table.name) FROM STDIN", data: data)
                    }
                }
                insertTime += ContinuousClock.now - started
            }
        }
        print(
            String(format: "database floor: %d provider messages in %.1f s of inserts", decisions, insertTime.seconds))
        return Double(decisions) / insertTime.seconds
    }

    /// Creates the empty `floor` tables and works out each row's batch into `floor_batches`;
    /// returns the number of decisions (provider messages) up to `cutoff`.
    private func prepare(upTo cutoff: Date) async throws -> Int {
        try await client.withConnection { db in
            try await db.executeSimple(
                "DROP SCHEMA IF EXISTS floor CASCADE; DROP SCHEMA IF EXISTS floor_batches CASCADE; "
                    + "CREATE SCHEMA floor; CREATE SCHEMA floor_batches")
            for table in Self.tables.map(\.name) {
                try await db.query(
                    "CREATE TABLE floor.\(identifier: table) (LIKE public.\(identifier: table) INCLUDING ALL)")
            }
            try await db.query(
                """
                CREATE TABLE floor_batches.decisions (
                    sub_account_id uuid, connection_id uuid, provider_message_id text, batch int NOT NULL,
                    PRIMARY KEY (sub_account_id, connection_id, provider_message_id))
                """)
            let decisions = try await db.query(
                """
                INSERT INTO floor_batches.decisions
                SELECT sub_account_id, connection_id, provider_message_id,
                    (row_number() OVER (ORDER BY sub_account_id, decided_at, connection_id, provider_message_id) - 1)
                        / \(Self.batchSize)
                FROM sync_decisions WHERE decided_at <= \(cutoff)
                """
            ).affectedRows
            try await db.executeSimple(
                """
                CREATE TABLE floor_batches.messages AS
                SELECT m.sub_account_id, m.message_id AS id, min(d.batch) AS batch
                FROM provider_message_maps m JOIN floor_batches.decisions d
                    USING (sub_account_id, connection_id, provider_message_id)
                GROUP BY m.sub_account_id, m.message_id;
                CREATE TABLE floor_batches.threads AS
                SELECT m.sub_account_id, m.connection_id, m.provider_thread_id, min(d.batch) AS batch
                FROM provider_message_maps m JOIN floor_batches.decisions d
                    USING (sub_account_id, connection_id, provider_message_id)
                WHERE m.provider_thread_id IS NOT NULL
                GROUP BY m.sub_account_id, m.connection_id, m.provider_thread_id;
                CREATE TABLE floor_batches.contacts AS
                SELECT sub_account_id, id, 0 AS batch FROM contacts WHERE source <> 'crm';
                ANALYZE floor_batches.decisions, floor_batches.messages, floor_batches.threads, floor_batches.contacts;
                """)
            return decisions
        }
    }

    /// The rows of the batches in `range` in COPY text format: per batch, one buffer per table
    /// (in the order of ``tables``).
    private func read(_ range: Range<Int>) async throws -> [[[UInt8]]] {
        let settings: KeyValuePairs = [
            "floor.first_batch": "\(range.lowerBound)", "floor.last_batch": "\(range.upperBound - 1)",
        ]
        return try await client.withTransaction(settings: settings) { db in
            var batches = [[[UInt8]]](repeating: [], count: range.count)
            for table in Self.tables {
                let rows = try Self.split(try await db.copyOut(Self.read(table.join)), into: range)
                for (index, data) in rows.enumerated() { batches[index].append(data) }
            }
            return batches
        }
    }

    /// Splits COPY text rows that start with their batch number (`7\t...\n`) into each batch's
    /// rows without it. A row is one line: COPY text escapes newlines inside values.
    static func split(_ data: [UInt8], into range: Range<Int>) throws -> [[UInt8]] {
        var batches = [[UInt8]](repeating: [], count: range.count)
        var start = data.startIndex
        while start < data.endIndex {
            guard let tab = data[start...].firstIndex(of: UInt8(ascii: "\t")),
                let end = data[tab...].firstIndex(of: UInt8(ascii: "\n")),
                let batch = Int(String(decoding: data[start..<tab], as: UTF8.self)), range.contains(batch)
            else { throw BenchFailure("COPY output row without its batch number") }
            batches[batch - range.lowerBound].append(contentsOf: data[(tab + 1)...end])
            start = end + 1
        }
        return batches
    }
}
