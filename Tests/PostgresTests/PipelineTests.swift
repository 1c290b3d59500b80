import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct PipelineTests {
    @Test func thousandInsertsTakeAtMostThreeRoundTrips() async throws {
        let database = try TestDatabase.current
        try await database.owner.query("CREATE TABLE pipeline_probe (id int PRIMARY KEY, label text)")
        try await database.owner.query("GRANT ALL ON pipeline_probe TO mailsync_app")
        let proxy = try TCPProxy(targetPort: database.port)
        defer { proxy.stop() }
        let client = PostgresClient(
            configuration: .init(connectionString: "postgresql://mailsync_app@127.0.0.1:\(proxy.port)/\(database.name)"))
        try await client.withConnection { connection in
            let before = proxy.roundTrips
            let results = try await connection.pipeline(
                (1...1000).map { "INSERT INTO pipeline_probe VALUES (\($0), \("row \($0)"))" })
            let used = proxy.roundTrips - before
            #expect(results.count == 1000)
            #expect(results.allSatisfy { $0.affectedRows == 1 })
            #expect(used <= 3, "pipeline used \(used) round trips")
        }
        await client.shutdown()
        let count = try await database.app.query("SELECT count(*) FROM pipeline_probe").single().decode(Int.self, at: 0)
        #expect(count == 1000)
    }

    @Test func pipelineReturnsRowsInOrder() async throws {
        let db = try TestDatabase.current.app
        let results = try await db.withConnection { connection in
            try await connection.pipeline(["SELECT \(1)", "SELECT \("two")", "SELECT generate_series(1, 3)"])
        }
        #expect(try results[0].single().decode(Int.self, at: 0) == 1)
        #expect(try results[1].single().decode(String.self, at: 0) == "two")
        #expect(try results[2].decodeColumn(Int.self) == [1, 2, 3])
    }

    @Test func failingStatementAbortsTheWholeBatchAndThrowsItsError() async throws {
        let database = try TestDatabase.current
        try await database.owner.query("CREATE TABLE pipeline_atomic (id int PRIMARY KEY)")
        try await database.owner.query("GRANT ALL ON pipeline_atomic TO mailsync_app")
        let error = try await #require(throws: PostgresError.self) {
            try await database.app.withConnection { connection in
                try await connection.pipeline([
                    "INSERT INTO pipeline_atomic VALUES (1)", "INSERT INTO pipeline_atomic VALUES (1)",
                    "INSERT INTO pipeline_atomic VALUES (2)",
                ])
            }
        }
        #expect(error.sqlState == "23505")
        let count = try await database.app.query("SELECT count(*) FROM pipeline_atomic").single().decode(Int.self, at: 0)
        #expect(count == 0)
        // The connection is usable again afterwards.
        #expect(try await database.app.query("SELECT 1").single().decode(Int.self, at: 0) == 1)
    }
}
