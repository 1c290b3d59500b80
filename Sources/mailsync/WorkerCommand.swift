import ArgumentParser
import AsyncHTTPClient
import JobQueue
import Logging
import Postgres
import Providers
import ServiceLifecycle
import Store
import Sync
import Webhooks

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
        let engine = try await Engine.open(environment, applicationName: "mailsync-worker", logger: logger)
        var handlers = buildJobHandlers(
            engine.sync, pushTargets: PushTargets(publicURL: environment.publicURL, keyring: engine.store.keyring),
            sendSettings: environment.sendSettings, mailer: SMTPSubAccountMailer())
        let webhooks = environment.webhookConfiguration
        WebhookDeliveryHandler(
            store: engine.store, queue: engine.queue, httpClient: engine.http, configuration: webhooks, logger: logger
        ).register(in: &handlers)
        let worker = JobWorker(
            queue: engine.queue, handlers: handlers,
            configuration: WorkerConfiguration(concurrency: concurrency ?? environment.workerConcurrency),
            logger: logger)
        let poll = Duration.seconds(environment.pollIntervalSeconds)
        let scheduler = SyncScheduler(
            store: engine.store, queue: engine.queue,
            configuration: SyncScheduler.Configuration(pollInterval: poll, tick: min(.seconds(60), poll / 4)),
            logger: logger)
        let sweeper = WebhookSweeper(
            store: engine.store, queue: engine.queue, interval: webhooks.sweepInterval, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker), .init(service: scheduler), .init(service: sweeper)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        try await engine.close()
    }
}

/// Every job kind the service runs, with its handler. The sync engine registers its kinds here.
/// Sends through the sub-account provider need a `SubAccountMailer` (the SMTP client); without
/// one they fail with that reason.
func buildJobHandlers(
    _ sync: MailboxSyncHandler, pushTargets: PushTargets, sendSettings: SendSettings,
    mailer: (any SubAccountMailer)? = nil
) -> JobHandlers {
    var handlers = JobHandlers()
    sync.register(in: &handlers)
    PushRenewalHandler(sync: sync, targets: pushTargets).register(in: &handlers)
    EmailSendHandler(sync: sync, settings: sendSettings, mailer: mailer).register(in: &handlers)
    TokenRefreshHandler(sync: sync).register(in: &handlers)
    LateContactHandler(sync: sync).register(in: &handlers)
    Reconciler(sync: sync).register(in: &handlers)
    MessageReadStateHandler(sync: sync).register(in: &handlers)
    return handlers
}
