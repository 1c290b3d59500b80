import Hummingbird
import Logging
import Postgres

/// `GET /healthz` (the process is up) and `GET /readyz` (the database answers and every
/// migration file is applied unchanged), for load balancers and orchestrators.
public struct HealthController: Sendable {
    let database: PostgresClient
    let migrations: [Migration]
    let logger: Logger

    /// Creates the controller; `migrations` are the files the service was built with.
    public init(database: PostgresClient, migrations: [Migration], logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// Adds the two routes.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.get("healthz") { _, _ in HealthStatus(status: "ok") }
        router.get("readyz") { _, _ in try await readiness() }
    }

    private func readiness() async throws -> HealthStatus {
        let status: MigrationStatus
        do {
            status = try await Migrator(client: database, migrations: migrations, logger: logger).status()
        } catch {
            logger.warning("readiness: database unreachable", metadata: ["error": "\(error)"])
            throw ProblemDetails(
                slug: "not-ready", title: "Not ready", status: .serviceUnavailable,
                detail: "The database cannot be reached.")
        }
        guard status.isCurrent else {
            throw ProblemDetails(
                slug: "not-ready", title: "Not ready", status: .serviceUnavailable,
                detail: status.problems.first ?? "\(status.pending.count) migration(s) are not applied yet.")
        }
        return HealthStatus(status: "ready")
    }
}

/// The body of a healthy `/healthz` or `/readyz` answer.
struct HealthStatus: ResponseEncodable {
    var status: String
}
