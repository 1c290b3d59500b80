import Foundation
import Logging

/// What `mailsync migrate status` reports.
public struct MigrationStatus: Sendable {
    /// An applied file's history row.
    public struct Applied: Sendable, Hashable {
        /// The migration's version.
        public var version: Int
        /// The file name recorded when it was applied.
        public var fileName: String
        /// The SHA-256 (hex) of the file when it was applied.
        public var sha256: String
        /// When it was applied.
        public var appliedAt: Date
    }

    /// Rows of the history table, by version.
    public var applied: [Applied]
    /// Files not applied yet, in the order `up` would apply them.
    public var pending: [Migration]
    /// Applied files that were edited or removed since: each stops the migrator.
    public var problems: [String]

    /// True when every file is applied and none was changed afterwards.
    public var isCurrent: Bool { pending.isEmpty && problems.isEmpty }
}

/// Applies `migrations/NNNN_name.sql` in order, once each, and refuses to run when an applied
/// file was edited or removed.
///
/// Each file runs in its own transaction together with its history row (a `-- no-transaction`
/// file runs statement by statement instead). A session-level advisory lock on the migrating
/// connection makes a second migrator wait, then find nothing left to do.
public struct Migrator: Sendable {
    /// The advisory lock key every migrator takes (`pg_advisory_lock`).
    public static let advisoryLockKey: Int64 = 0x6D61_696C_7379_6E63  // "mailsync"

    private let client: PostgresClient
    private let migrations: [Migration]
    private let lockTimeout: String
    private let logger: Logger

    /// Creates a migrator for the given files; `lockTimeout` bounds each file's waits for table locks.
    public init(client: PostgresClient, migrations: [Migration], lockTimeout: String = "10s", logger: Logger) {
        self.client = client
        self.migrations = migrations
        self.lockTimeout = lockTimeout
        self.logger = logger
    }

    /// Compares the history table with the files. Reads only; the history table may not exist yet.
    public func status() async throws -> MigrationStatus {
        try await client.withConnection { connection in
            try await status(on: connection)
        }
    }

    /// Applies every pending file and returns them; throws without applying anything when an
    /// applied file was edited or removed.
    @discardableResult
    public func up() async throws -> [Migration] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
            do {
                try await connection.executeSimple(Self.historyTableSQL)
                let applied = try await apply(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                throw error
            }
        }
    }

    private func apply(on connection: PostgresConnection) async throws -> [Migration] {
        // Read the history only now, under the lock: another migrator may have just finished.
        let status = try await status(on: connection)
        guard status.problems.isEmpty else {
            throw PostgresError(
                code: .migration, message: status.problems.joined(separator: "; "),
                safeMessage: "refusing to migrate: " + status.problems.joined(separator: "; "))
        }
        for migration in status.pending {
            let checksum = try await sha256(of: migration, on: connection)
            logger.info("applying migration", metadata: ["file": "\(migration.fileName)"])
            if migration.runsOutsideTransaction {
                for statement in SQLStatementSplitter.split(migration.sql) {
                    try await connection.executeSimple(statement)
                }
                try await record(migration, checksum: checksum, on: connection)
            } else {
                try await connection.executeSimple("BEGIN")
                do {
                    try await connection.query("SELECT set_config('lock_timeout', \(lockTimeout), true)")
                    try await connection.executeSimple(migration.sql)
                    try await record(migration, checksum: checksum, on: connection)
                    try await connection.executeSimple("COMMIT")
                } catch {
                    _ = try? await connection.executeSimple("ROLLBACK")
                    throw error
                }
            }
        }
        return status.pending
    }

    private func record(_ migration: Migration, checksum: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO schema_migrations (version, file_name, sha256)
            VALUES (\(migration.version), \(migration.fileName), \(checksum))
            """)
    }

    private func status(on connection: PostgresConnection) async throws -> MigrationStatus {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
            .single().decode(Bool.self, at: 0)
        var applied: [MigrationStatus.Applied] = []
        if exists {
            let rows = try await connection.query(
                "SELECT version, file_name, sha256, applied_at FROM schema_migrations ORDER BY version")
            applied = try rows.decode((Int, String, String, Date).self).map {
                MigrationStatus.Applied(version: $0.0, fileName: $0.1, sha256: $0.2, appliedAt: $0.3)
            }
        }
        let files = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let checksums = try await sha256(of: migrations.filter { file in applied.contains { $0.version == file.version } },
            on: connection)
        var problems: [String] = []
        for row in applied {
            guard let file = files[row.version] else {
                problems.append("applied migration \(row.fileName) is missing from the migrations folder")
                continue
            }
            if file.fileName != row.fileName {
                problems.append("applied migration \(row.fileName) was renamed to \(file.fileName)")
            } else if checksums[row.version] != row.sha256 {
                problems.append("applied migration \(row.fileName) was edited after it was applied (checksum differs)")
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = migrations.filter { !appliedVersions.contains($0.version) }
        if let newestApplied = appliedVersions.max() {
            for file in pending where file.version < newestApplied {
                problems.append("\(file.fileName) is older than the newest applied migration and was never applied")
            }
        }
        return MigrationStatus(applied: applied, pending: pending, problems: problems)
    }

    /// SHA-256 computed by the server's `sha256()`, so this module needs no crypto library.
    private func sha256(of migration: Migration, on connection: PostgresConnection) async throws -> String {
        try await sha256(of: [migration], on: connection)[migration.version] ?? ""
    }

    private func sha256(of files: [Migration], on connection: PostgresConnection) async throws -> [Int: String] {
        let results = try await connection.pipeline(files.map { "SELECT encode(sha256(\($0.contents)), 'hex')" })
        var checksums: [Int: String] = [:]
        for (file, rows) in zip(files, results) {
            checksums[file.version] = try rows.single().decode(String.self, at: 0)
        }
        return checksums
    }

    static let historyTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            file_name text NOT NULL,
            sha256 text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE schema_migrations IS
            'Applied migrations/NNNN_name.sql files with the SHA-256 of each, written by mailsync migrate';
        """
}
