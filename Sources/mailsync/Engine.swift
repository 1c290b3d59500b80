import AsyncHTTPClient
import JobQueue
import Logging
import Postgres
import Providers
import Store
import Sync

/// What the commands that run sync work share (`worker`, `reconcile`): the database with a
/// verified keyring, the store, the queue, one HTTP client and the providers configured from the
/// environment, and the sync handler over them.
struct Engine {
    let database: PostgresClient
    let http: HTTPClient
    let store: Store
    let queue: JobQueue
    let sync: MailboxSyncHandler

    /// Connects and checks the keyring against the database; `close()` when done.
    static func open(_ environment: Environment, applicationName: String, logger: Logger) async throws -> Engine {
        let keyring = try Keyring(parsing: environment.secretKeys)
        let database = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: environment.databaseURL, maxConnections: 10, applicationName: applicationName))
        do {
            try await keyring.verify(on: database)
        } catch {
            await database.shutdown()
            throw error
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let store = Store(client: database, keyring: keyring)
        let queue = JobQueue(client: database)
        let providers = ProviderRegistry([
            GmailProvider(configuration: GoogleConfiguration(), httpClient: http),
            GraphClient(
                configuration: MicrosoftConfiguration.fromEnvironment(), httpClient: http, limiter: MailboxRequestLimiter()),
        ])
        let sync = MailboxSyncHandler(
            store: store, queue: queue, providers: providers,
            tokens: TokenManager(store: PostgresTokenStore(store: store)), logger: logger)
        return Engine(database: database, http: http, store: store, queue: queue, sync: sync)
    }

    /// Closes the HTTP client and the database pool.
    func close() async throws {
        try await http.shutdown()
        await database.shutdown()
    }
}
