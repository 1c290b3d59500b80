import API
import Foundation
import HummingbirdTesting
import Logging
import Postgres
import Prometheus
import Store
import TestSupport
import Testing

@Suite(.freshDatabase)
struct HealthTests {
    @Test func healthzAnswersWhileTheProcessIsUp() async throws {
        try await APITestApp.make().test { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readyzIsOkWhenTheDatabaseIsMigrated() async throws {
        try await APITestApp.make().test { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ready"))
            }
        }
    }

    @Test func readyzIs503WithProblemDetailsWhenAMigrationIsPending() async throws {
        let extra = Migration(version: 9999, fileName: "9999_future.sql", contents: Array("SELECT 1;".utf8))
        try await APITestApp.make(migrations: try TestDatabase.repositoryMigrations() + [extra]).test { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("https://mailsync.dev/problems/not-ready"))
            }
        }
    }

    @Test func readyzIs503WhenTheDatabaseIsUnreachable() async throws {
        let unreachable = PostgresClient(configuration: .init(connectionString: "postgresql://nobody@127.0.0.1:1/none"))
        let dependencies = APIDependencies(
            store: Store(client: unreachable, keyring: try Keyring(parsing: Keyring.generateEntry(id: "k"))),
            migrations: try TestDatabase.repositoryMigrations(), metrics: PrometheusCollectorRegistry(), bccDomain: "x.example")
        let app = buildApplication(http: .init(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "t"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test func metricsExposeRequestsAndJobCountsInPrometheusFormat() async throws {
        let test = try await APITestApp.make()
        try await TestDatabase.current.app.query("INSERT INTO jobs (kind, fairness_key) VALUES ('metrics.probe', 't')")
        try await test.test { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("mailsync_jobs{kind=\"metrics.probe\",state=\"available\"} 1"))
            }
        }
    }
}
