import ArgumentParser
import JobQueue
import Logging
import Postgres
import ServiceLifecycle

/// `mailsync worker`: claims and runs background jobs until SIGTERM or SIGINT, then stops
/// claiming, releases what it has not started, and lets running jobs finish.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run background jobs.")

    @Option(help: "Jobs running at once in this process (default: MAILSYNC_WORKER_CONCURRENCY or 8).")
    var concurrency: Int?

    func run() async throws {
        let environment = Environment()
        let logger = Logger(label: "mailsync.worker")
        let database = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: environment.databaseURL, maxConnections: 10, applicationName: "mailsync-worker"))
        let worker = JobWorker(
            queue: JobQueue(client: database), handlers: buildJobHandlers(),
            configuration: WorkerConfiguration(concurrency: concurrency ?? environment.workerConcurrency),
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await database.shutdown()
    }
}

/// Every job kind the service runs, with its handler. The sync engine registers its kinds here.
func buildJobHandlers() -> JobHandlers {
    JobHandlers()
}
