import Postgres
import TestSupport
import Testing

/// Statements with binds are prepared once per connection and run by name after that.
@Suite(.freshDatabase)
struct PreparedStatementTests {
    /// The connection's prepared statements whose text contains `marker` (pooled connections
    /// also hold the statements of other tests).
    private func preparedCount(_ connection: PostgresConnection, containing marker: String) async throws -> Int {
        try await connection.query(
            "SELECT count(*)::int FROM pg_prepared_statements WHERE strpos(statement, \(marker)) > 0"
        ).single().decode(Int.self, at: 0)
    }

    @Test func aRepeatedStatementIsPreparedOnceAndGivesItsRowsEachTime() async throws {
        try await TestDatabase.current.app.withConnection { connection in
            for value in 1...3 {
                let sum = try await connection.query("SELECT \(value)::int + 1 AS repeated").single()
                #expect(try sum.decode(Int.self, at: 0) == value + 1)
            }
            #expect(try await preparedCount(connection, containing: "AS repeated") == 1)
            _ = try await connection.query("SELECT \("text")::text AS repeated")
            #expect(try await preparedCount(connection, containing: "AS repeated") == 2)
        }
    }

    @Test func aStatementThatFailsToPrepareFailsTheSameWayAgain() async throws {
        try await TestDatabase.current.app.withConnection { connection in
            for _ in 1...2 {
                let error = try await #require(throws: PostgresError.self) {
                    try await connection.query("SELEC \(1)::int AS misspelled")
                }
                #expect(error.sqlState == "42601")
            }
            #expect(try await preparedCount(connection, containing: "misspelled") == 0)
        }
    }

    @Test func anExecutionErrorKeepsTheStatementPrepared() async throws {
        let database = try TestDatabase.current
        try await database.owner.query("CREATE TABLE prepared_unique (id int PRIMARY KEY)")
        try await database.owner.query("GRANT ALL ON prepared_unique TO mailsync_app")
        try await database.app.withConnection { connection in
            try await connection.query("INSERT INTO prepared_unique VALUES (\(1))")
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query("INSERT INTO prepared_unique VALUES (\(1))")
            }
            #expect(error.isUniqueViolation)
            try await connection.query("INSERT INTO prepared_unique VALUES (\(2))")
            #expect(try await preparedCount(connection, containing: "prepared_unique") == 1)
        }
    }

    /// PostgreSQL refuses to run a prepared `SELECT *` whose row type changed; that one call
    /// fails, and the next prepares the statement again.
    @Test func aTableChangedUnderAStatementIsPreparedAgainAfterOneFailure() async throws {
        let database = try TestDatabase.current
        try await database.owner.query("CREATE TABLE prepared_shape (a int)")
        try await database.owner.query("GRANT ALL ON prepared_shape TO mailsync_app")
        try await database.owner.query("INSERT INTO prepared_shape VALUES (1)")
        try await database.app.withConnection { connection in
            #expect(try await connection.query("SELECT * FROM prepared_shape WHERE a = \(1)").single().cells.count == 1)
            try await database.owner.query("ALTER TABLE prepared_shape ADD COLUMN b int")
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query("SELECT * FROM prepared_shape WHERE a = \(1)")
            }
            #expect(error.sqlState == "0A000")
            #expect(try await connection.query("SELECT * FROM prepared_shape WHERE a = \(1)").single().cells.count == 2)
        }
    }

    @Test func pipelinedStatementsArePreparedOnceToo() async throws {
        try await TestDatabase.current.app.withConnection { connection in
            for round in 1...2 {
                let results = try await connection.pipeline([
                    "SELECT \(round)::int AS piped", "SELECT \(round)::int AS piped", "SELECT 1 AS unbound",
                ])
                #expect(try results.map { try $0.single().decode(Int.self, at: 0) } == [round, round, 1])
            }
            #expect(try await preparedCount(connection, containing: "AS piped") == 1)
        }
    }

    @Test func aPipelinedStatementThatFailsToPrepareIsNotRememberedAndTheRestIsSkipped() async throws {
        try await TestDatabase.current.app.withConnection { connection in
            for _ in 1...2 {
                let error = try await #require(throws: PostgresError.self) {
                    try await connection.pipeline(["SELECT \(1)::int AS fine", "SELEC \(2)::int AS broken"])
                }
                #expect(error.sqlState == "42601")
            }
            #expect(try await preparedCount(connection, containing: "broken") == 0)
            let after = try await connection.pipeline(["SELECT \(3)::int AS fine"])
            #expect(try after[0].single().decode(Int.self, at: 0) == 3)
        }
    }
}
