import Postgres
import TestSupport
import Testing

/// Settings every session of the service starts with.
@Suite(.freshDatabase)
struct SessionOptionsTests {
    @Test func sessionsRunWithoutJIT() async throws {
        let jit = try await TestDatabase.current.app.query("SHOW jit").single().decode(String.self, at: 0)
        #expect(jit == "off")
    }

    @Test func theConnectionStringOverridesTheSessionOptions() async throws {
        let url = try TestDatabase.current.url(role: "mailsync_app") + "?options=-c%20jit%3Don"
        let client = PostgresClient(configuration: .init(connectionString: url, maxConnections: 1))
        let jit = try await client.query("SHOW jit").single().decode(String.self, at: 0)
        await client.shutdown()
        #expect(jit == "on")
    }
}
