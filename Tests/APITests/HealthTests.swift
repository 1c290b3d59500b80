import API
import Foundation
import HummingbirdTesting
import Logging
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct HealthTests {
    private let logger = Logger(label: "test.health")

    @Test func healthzAnswersWhileTheProcessIsUp() async throws {
        let database = try TestDatabase.current
        let app = buildApplication(
            http: .init(host: "127.0.0.1", port: 0), database: database.app,
            migrations: try TestDatabase.repositoryMigrations(), logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readyzIsOkWhenTheDatabaseIsMigrated() async throws {
        let database = try TestDatabase.current
        let app = buildApplication(
            http: .init(host: "127.0.0.1", port: 0), database: database.app,
            migrations: try TestDatabase.repositoryMigrations(), logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ready"))
            }
        }
    }

    @Test func readyzIs503WithProblemDetailsWhenAMigrationIsPending() async throws {
        let database = try TestDatabase.current
        let extra = Migration(version: 9999, fileName: "9999_future.sql", contents: Array("SELECT 1;".utf8))
        let app = buildApplication(
            http: .init(host: "127.0.0.1", port: 0), database: database.app,
            migrations: try TestDatabase.repositoryMigrations() + [extra], logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("https://mailsync.dev/problems/not-ready"))
            }
        }
    }

    @Test func readyzIs503WhenTheDatabaseIsUnreachable() async throws {
        let unreachable = PostgresClient(configuration: .init(connectionString: "postgresql://nobody@127.0.0.1:1/none"))
        let app = buildApplication(
            http: .init(host: "127.0.0.1", port: 0), database: unreachable,
            migrations: try TestDatabase.repositoryMigrations(), logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }
}
