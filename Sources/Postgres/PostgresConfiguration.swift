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
    /// Server settings for every session, as libpq's `options` (`-c name=value ...`); the
    /// connection string can override them.
    public var sessionOptions: String

    /// JIT off: the service runs short statements whose estimated cost can still cross
    /// `jit_above_cost` when statistics lag (a job claim estimated at 107,000 units spent 26 ms
    /// compiling to run for 10 ms; an enqueue 27 ms for 9).
    public static let defaultSessionOptions = "-c jit=off"

    /// Creates a configuration.
    public init(
        connectionString: String, maxConnections: Int = 10, applicationName: String = "mailsync",
        sessionOptions: String = PostgresConfiguration.defaultSessionOptions
    ) {
        self.connectionString = connectionString
        self.maxConnections = max(1, maxConnections)
        self.applicationName = applicationName
        self.sessionOptions = sessionOptions
    }
}
