import Postgres

/// `mailsync admin rotate-key`: reseals every stored secret under the keyring's current (first)
/// key, then retires the older keys.
///
/// Runs while the service runs: each batch is its own short transaction that locks only its rows,
/// and the older keys keep opening what they sealed until their rows are done. Every service must
/// already run with the new keyring (new key first, old keys after it), or it would keep sealing
/// under an old key; the final step checks for that and then retires nothing.
/// ```swift
/// let report = try await KeyRotation(client: adminClient, keyring: keyring).run()
/// ```
public struct KeyRotation: Sendable {
    /// What a rotation did.
    public struct Report: Sendable, Hashable {
        /// Secrets resealed, per column.
        public var resealed: [EncryptedColumn: Int]
        /// Secrets still under an older key at the end (a service sealing with an old keyring); 0 normally.
        public var remaining: Int
        /// Key ids marked retired: they may now leave `MAILSYNC_SECRET_KEYS`.
        public var retiredKeyIDs: [String]
    }

    /// A client of a role that sees every tenant's rows (`mailsync_admin`).
    public let client: PostgresClient
    /// The keyring; its first key is the one rotated to.
    public let keyring: Keyring
    /// Rows resealed per transaction.
    public let batchSize: Int

    /// Creates a rotation.
    public init(client: PostgresClient, keyring: Keyring, batchSize: Int = 100) {
        self.client = client
        self.keyring = keyring
        self.batchSize = max(1, batchSize)
    }

    /// Reseals everything, then retires the older keys if nothing uses them any more.
    ///
    /// `progress` is called after each committed batch with its column and row count.
    public func run(
        progress: @Sendable (EncryptedColumn, Int) async throws -> Void = { _, _ in }
    ) async throws -> Report {
        try await keyring.verify(on: client)
        var resealed: [EncryptedColumn: Int] = [:]
        for column in EncryptedColumn.all {
            var total = 0
            var count = 0
            repeat {
                count = try await resealBatch(of: column)
                total += count
                if count > 0 { try await progress(column, count) }
            } while count > 0
            resealed[column] = total
        }
        let (remaining, retired) = try await retireOlderKeys()
        return Report(resealed: resealed, remaining: remaining, retiredKeyIDs: retired)
    }

    /// Reseals up to `batchSize` rows of one column in one transaction; returns how many.
    private func resealBatch(of column: EncryptedColumn) async throws -> Int {
        let table = SQLIdentifier.quote(column.table)
        let value = SQLIdentifier.quote(column.column)
        let keys = column.keyColumns.map(SQLIdentifier.quote)
        let select = PostgresQuery(
            unsafeSQL: """
                SELECT ctid::text, \(value), \(keys.map { "\($0)::text" }.joined(separator: ", ")) FROM \(table)
                WHERE \(value) IS NOT NULL AND secret_key_id(\(value)) <> $1
                ORDER BY \(keys.joined(separator: ", ")) LIMIT $2 FOR UPDATE
                """,
            binds: [keyring.current.id.postgresBind, batchSize.postgresBind])
        return try await client.withTransaction { db in
            let rows = try await db.query(select)
            var updates: [PostgresQuery] = []
            for row in rows {
                let rowKey = try column.keyColumns.indices.map { try row.decode(String.self, at: 2 + $0) }
                let context = SecretContext(column: column, rowKey: rowKey)
                let plaintext = try keyring.openBytes(try row.decode([UInt8].self, at: 1), for: context)
                let sealed = try keyring.seal(plaintext, under: keyring.current, for: context)
                updates.append(
                    PostgresQuery(
                        unsafeSQL: "UPDATE \(table) SET \(value) = $1 WHERE ctid = $2::tid",
                        binds: [sealed.postgresBind, try row.decode(String.self, at: 0).postgresBind]))
            }
            _ = try await db.pipeline(updates)
            return rows.count
        }
    }

    /// Counts secrets still under older keys with writers paused, and retires those keys when none are left.
    private func retireOlderKeys() async throws -> (remaining: Int, retired: [String]) {
        let current = keyring.current.id
        let tables = Set(EncryptedColumn.all.map(\.table)).sorted().map(SQLIdentifier.quote)
        return try await client.withTransaction { db in
            // SHARE mode waits for running writes and holds new ones until commit: nothing can
            // seal under an old key between the count and the retirement.
            try await db.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(tables.joined(separator: ", ")) IN SHARE MODE"))
            var remaining = 0
            for column in EncryptedColumn.all {
                let value = SQLIdentifier.quote(column.column)
                let count = PostgresQuery(
                    unsafeSQL: """
                        SELECT count(*) FROM \(SQLIdentifier.quote(column.table))
                        WHERE \(value) IS NOT NULL AND secret_key_id(\(value)) <> $1
                        """,
                    binds: [current.postgresBind])
                remaining += try await db.query(count).single().decode(Int.self, at: 0)
            }
            guard remaining == 0 else { return (remaining, []) }
            let retired = try await db.query(
                "UPDATE secret_keys SET retired_at = now() WHERE kid <> \(current) AND retired_at IS NULL RETURNING kid"
            ).decodeColumn(String.self)
            return (0, retired.sorted())
        }
    }
}
