/// Where and how to connect: a libpq connection string plus pool settings.
///
/// The connection string is anything libpq accepts: a URI
/// (`postgresql://mailsync_app@127.0.0.1:54329/mailsync`) or `key=value` pairs. Parts it leaves
/// unset fall back to libpq's own `PG*` environment variables; an empty string uses them alone.
public struct PostgresConfiguration: Sendable {
    /// The libpq connection string.
    public var connectionString: String
    /// The most connections the pool opens at once.
    public var maxConnections: Int
    /// The `application_name` the server shows in `pg_stat_activity`.
    public var applicationName: String

    /// Creates a configuration.
    public init(connectionString: String, maxConnections: Int = 10, applicationName: String = "mailsync") {
        self.connectionString = connectionString
        self.maxConnections = max(1, maxConnections)
        self.applicationName = applicationName
    }
}
