import ArgumentParser
import AsyncHTTPClient
import JobQueue
import Logging
import Postgres
import Providers
import ServiceLifecycle
import Store
import Sync

/// `mailsync worker`: claims and runs background jobs, and schedules the periodic ones (poll,
/// push renewal, token refresh: `SyncScheduler`), until SIGTERM or SIGINT; then stops claiming,
/// releases what it has not started, and lets running jobs finish.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run background jobs.")

    @Option(help: "Jobs running at once in this process (default: MAILSYNC_WORKER_CONCURRENCY or 8).")
    var concurrency: Int?

    func run() async throws {
        let environment = Environment()
        let logger = Logger(label: "mailsync.worker")
        let keyring = try Keyring(parsing: environment.secretKeys)
        let database = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: environment.databaseURL, maxConnections: 10, applicationName: "mailsync-worker"))
        do {
            try await keyring.verify(on: database)
        } catch {
            await database.shutdown()
            throw error
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let store = Store(client: database, keyring: keyring)
        let queue = JobQueue(client: database)
        let worker = JobWorker(
            queue: queue,
            handlers: buildJobHandlers(
                store: store, queue: queue,
                providers: ProviderRegistry([
                    GmailProvider(configuration: GoogleConfiguration(), httpClient: http),
                    GraphClient(
                        configuration: MicrosoftConfiguration.fromEnvironment(), httpClient: http,
                        limiter: MailboxRequestLimiter()),
                ]),
                pushTargets: PushTargets(publicURL: environment.publicURL, keyring: keyring),
                sendSettings: environment.sendSettings, logger: logger),
            configuration: WorkerConfiguration(concurrency: concurrency ?? environment.workerConcurrency),
            logger: logger)
        let poll = Duration.seconds(environment.pollIntervalSeconds)
        let scheduler = SyncScheduler(
            store: store, queue: queue,
            configuration: SyncScheduler.Configuration(pollInterval: poll, tick: min(.seconds(60), poll / 4)),
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker), .init(service: scheduler)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        try await http.shutdown()
        await database.shutdown()
    }
}

/// Every job kind the service runs, with its handler. The sync engine registers its kinds here.
/// Sends through the sub-account provider need a `SubAccountMailer` (the SMTP client); without
/// one they fail with that reason.
func buildJobHandlers(
    store: Store, queue: JobQueue, providers: ProviderRegistry, pushTargets: PushTargets, sendSettings: SendSettings,
    mailer: (any SubAccountMailer)? = nil, logger: Logger
) -> JobHandlers {
    var handlers = JobHandlers()
    let tokens = TokenManager(store: PostgresTokenStore(store: store))
    let sync = MailboxSyncHandler(store: store, queue: queue, providers: providers, tokens: tokens, logger: logger)
    sync.register(in: &handlers)
    PushRenewalHandler(sync: sync, targets: pushTargets).register(in: &handlers)
    EmailSendHandler(
        store: store, providers: providers, tokens: tokens, settings: sendSettings, mailer: mailer, logger: logger
    ).register(in: &handlers)
    TokenRefreshHandler(sync: sync).register(in: &handlers)
    LateContactHandler(sync: sync).register(in: &handlers)
    return handlers
}
