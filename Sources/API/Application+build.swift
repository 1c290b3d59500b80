import Hummingbird
import Logging
import Postgres

/// Where the HTTP server listens.
public struct HTTPConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int

    /// Creates a configuration.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Builds the router with every route of the service.
public func buildRouter(database: PostgresClient, migrations: [Migration], logger: Logger)
    -> Router<BasicRequestContext>
{
    let router = Router()
    HealthController(database: database, migrations: migrations, logger: logger).addRoutes(to: router)
    return router
}

/// Builds the HTTP application; `mailsync serve` runs it.
public func buildApplication(
    http: HTTPConfiguration, database: PostgresClient, migrations: [Migration], logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(database: database, migrations: migrations, logger: logger),
        configuration: .init(address: .hostname(http.host, port: http.port), serverName: "mailsync"),
        logger: logger)
}
