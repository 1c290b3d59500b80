import Foundation
import Logging
import Postgres
import TestSupport
import Testing

/// Each test gets an empty database and its own migrations folder.
@Suite struct MigratorTests {
    private let logger = Logger(label: "test.migrator")

    private func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, sql) in files {
            try Data(sql.utf8).write(to: url.appendingPathComponent(name))
        }
        return url
    }

    private func migrator(_ database: TestDatabase, _ url: URL) throws -> Migrator {
        Migrator(client: database.owner, migrations: try Migration.load(from: url), logger: logger)
    }

    private func withEmptyDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        let database = try await TestDatabase.createEmpty()
        do {
            try await body(database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    @Test func appliesInOrderOnceAndReportsStatus() async throws {
        try await withEmptyDatabase { database in
            let url = try folder([
                "0001_first.sql": "CREATE TABLE a (id int);",
                "0002_second.sql": "ALTER TABLE a ADD COLUMN name text; CREATE TABLE b (id int);",
            ])
            let applied = try await migrator(database, url).up()
            #expect(applied.map(\.fileName) == ["0001_first.sql", "0002_second.sql"])
            #expect(try await migrator(database, url).up().isEmpty)
            let status = try await migrator(database, url).status()
            #expect(status.isCurrent)
            #expect(status.applied.map(\.version) == [1, 2])
            #expect(status.applied.allSatisfy { $0.sha256.count == 64 })
        }
    }

    @Test func editedAppliedFileStopsTheMigrator() async throws {
        try await withEmptyDatabase { database in
            let url = try folder(["0001_first.sql": "CREATE TABLE a (id int);"])
            try await migrator(database, url).up()
            try Data("CREATE TABLE a (id bigint);".utf8).write(to: url.appendingPathComponent("0001_first.sql"))
            try Data("CREATE TABLE c (id int);".utf8).write(to: url.appendingPathComponent("0002_next.sql"))
            let error = try await #require(throws: PostgresError.self) { try await migrator(database, url).up() }
            #expect(error.code == .migration)
            #expect(error.description.contains("0001_first.sql was edited"))
            // Nothing after the problem was applied.
            let status = try await migrator(database, url).status()
            #expect(status.pending.map(\.fileName) == ["0002_next.sql"])
            #expect(!status.isCurrent)
        }
    }

    @Test func removedAppliedFileStopsTheMigrator() async throws {
        try await withEmptyDatabase { database in
            let url = try folder(["0001_first.sql": "CREATE TABLE a (id int);", "0002_second.sql": "CREATE TABLE b (id int);"])
            try await migrator(database, url).up()
            try FileManager.default.removeItem(at: url.appendingPathComponent("0002_second.sql"))
            let error = try await #require(throws: PostgresError.self) { try await migrator(database, url).up() }
            #expect(error.description.contains("0002_second.sql is missing"))
        }
    }

    @Test func failingFileRollsBackWholeAndIsNotRecorded() async throws {
        try await withEmptyDatabase { database in
            let url = try folder(["0001_bad.sql": "CREATE TABLE a (id int); SELECT * FROM no_such_table;"])
            await #expect(throws: PostgresError.self) { try await migrator(database, url).up() }
            let exists = try await database.owner.query("SELECT to_regclass('a') IS NOT NULL").single().decode(Bool.self, at: 0)
            #expect(!exists)
            #expect(try await migrator(database, url).status().pending.count == 1)
        }
    }

    @Test func noTransactionFileRunsStatementsSeparately() async throws {
        try await withEmptyDatabase { database in
            let url = try folder([
                "0001_table.sql": "CREATE TABLE a (id int, body text);",
                "0002_index.sql": """
                    -- no-transaction
                    CREATE INDEX CONCURRENTLY a_id ON a (id);
                    -- a semicolon inside a string or dollar quote does not split: ';'
                    CREATE INDEX CONCURRENTLY a_body ON a (body) WHERE body <> ';';
                    DO $$ BEGIN PERFORM 1; END $$;
                    """,
            ])
            try await migrator(database, url).up()
            let indexes = try await database.owner.query("SELECT indexname FROM pg_indexes WHERE tablename = 'a' ORDER BY 1")
                .decodeColumn(String.self)
            #expect(indexes == ["a_body", "a_id"])
        }
    }

    @Test func concurrentMigratorsApplyEachFileOnce() async throws {
        try await withEmptyDatabase { database in
            let url = try folder([
                "0001_slow.sql": "SELECT pg_sleep(0.5); CREATE TABLE a (id int);",
                "0002_next.sql": "CREATE TABLE b (id int);",
            ])
            let second = database.client(role: "mailsync_owner", maxConnections: 1)
            async let first = migrator(database, url).up()
            async let other = Migrator(client: second, migrations: try Migration.load(from: url), logger: logger).up()
            let (one, two) = try await (first, other)
            #expect(one.count + two.count == 2)
            #expect(Set((one + two).map(\.fileName)).count == 2)
            await second.shutdown()
        }
    }

    @Test func misnamedFileIsRejected() throws {
        let url = try folder(["0001_ok.sql": "SELECT 1;", "2_bad.sql": "SELECT 1;"])
        #expect(throws: PostgresError.self) { try Migration.load(from: url) }
    }

    @Test func repositoryMigrationsApplyAndAreCurrent() async throws {
        try await withEmptyDatabase { database in
            let migrator = Migrator(client: database.owner, migrations: try TestDatabase.repositoryMigrations(), logger: logger)
            try await migrator.up()
            #expect(try await migrator.status().isCurrent)
        }
    }
}
