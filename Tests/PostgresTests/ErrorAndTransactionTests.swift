import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct ErrorAndTransactionTests {
    private func makeTable(_ name: String) async throws -> PostgresClient {
        let database = try TestDatabase.current
        try await database.owner.query(
            PostgresQuery(unsafeSQL: """
                CREATE TABLE \(name) (id int PRIMARY KEY, email text CONSTRAINT \(name)_email_key UNIQUE);
                """))
        try await database.owner.query(PostgresQuery(unsafeSQL: "GRANT ALL ON \(name) TO mailsync_app"))
        return database.app
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraintButNoValue() async throws {
        let db = try await makeTable("unique_probe")
        try await db.query("INSERT INTO unique_probe VALUES (1, \("secret@example.com"))")
        let error = try await #require(throws: PostgresError.self) {
            try await db.query("INSERT INTO unique_probe VALUES (2, \("secret@example.com"))")
        }
        #expect(error.code == .server)
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(error.constraint == "unique_probe_email_key")
        #expect(error.table == "unique_probe")
        #expect(!error.description.contains("secret"))
        #expect(String(reflecting: error).contains("secret@example.com"))
    }

    @Test func syntaxErrorSurfacesItsSQLState() async throws {
        let db = try TestDatabase.current.app
        let error = try await #require(throws: PostgresError.self) { try await db.query("SELEC 1") }
        #expect(error.sqlState == "42601")
    }

    @Test func transactionRollsBackWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let db = try await makeTable("rollback_probe")
        await #expect(throws: Boom.self) {
            try await db.withTransaction { connection in
                try await connection.query("INSERT INTO rollback_probe VALUES (1, 'a')")
                throw Boom()
            }
        }
        try await db.withTransaction { connection in
            try await connection.query("INSERT INTO rollback_probe VALUES (2, 'b')")
        }
        let ids = try await db.query("SELECT id FROM rollback_probe").decodeColumn(Int.self)
        #expect(ids == [2])
    }

    @Test func failedStatementInsideTransactionRollsBackAndConnectionIsReusable() async throws {
        let db = try await makeTable("abort_probe")
        await #expect(throws: PostgresError.self) {
            try await db.withTransaction { connection in
                try await connection.query("INSERT INTO abort_probe VALUES (1, 'a')")
                try await connection.query("INSERT INTO abort_probe VALUES (1, 'a')")
            }
        }
        #expect(try await db.query("SELECT count(*) FROM abort_probe").single().decode(Int.self, at: 0) == 0)
    }

    @Test func transactionSettingsLastOnlyForTheTransaction() async throws {
        let db = try TestDatabase.current.app
        let tenant = UUID().uuidString.lowercased()
        let inside = try await db.withTransaction(settings: ["mailsync.sub_account_id": tenant]) { connection in
            try await connection.query("SELECT current_setting('mailsync.sub_account_id', true)").single()
                .decode(String.self, at: 0)
        }
        #expect(inside == tenant)
        // A pooled session reads '' (or NULL) once the transaction-local setting has ended.
        let after = try await db.withConnection { connection in
            try await connection.query("SELECT coalesce(current_setting('mailsync.sub_account_id', true), '')").single()
                .decode(String.self, at: 0)
        }
        #expect(after == "")
    }

    @Test func connectionFailureIsAClearError() async throws {
        let port = try TestDatabase.clusterPort
        let client = PostgresClient(configuration: .init(connectionString: "postgresql://nobody_here@127.0.0.1:\(port)/postgres"))
        let error = try await #require(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error.code == .connectionFailed)
    }
}
