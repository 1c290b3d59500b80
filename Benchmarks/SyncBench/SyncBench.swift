import API
import ArgumentParser
import AsyncHTTPClient
import Emulators
import Foundation
import Hummingbird
import JobQueue
import Logging
import Postgres
import Prometheus
import Providers
import ServiceLifecycle
import Store
import Sync
import SyncCore

/// `make bench-sync`: 100 Gmail mailboxes of 200 messages each in the Google emulator, connected
/// and synced from scratch (the backfill) by the real sync handlers with the per-mailbox quota
/// budget on; then the database floor (the same rows bulk-inserted by one client, 50 messages per
/// transaction) and the push-to-CRM latency of new inbound mail through the real webhook. Prints
/// `sync: msgs_per_s=N db_floor_msgs_per_s=N ratio=R push_to_crm_p99_ms=N` last.
@main
struct SyncBench: AsyncParsableCommand {
    @Option(help: "Runtime-role connection (mailsync_app) to the migrated bench database.") var databaseURL: String
    @Option(help: "Superuser connection to the same database (reads every tenant, builds the floor).")
    var superuserURL: String
    @Option var mailboxes = 100
    @Option var messages = 200
    @Option var latencyMessages = 200
    @Option(help: "Jobs the worker runs at once.") var concurrency = 16
    @Option(help: "Port of the in-process API (push webhook).") var httpPort: Int

    static let clientID = "sync-bench"
    static let pushTopic = "projects/bench/topics/gmail"
    static let pushAudience = "https://mailsync.bench/webhooks/gmail"
    static let pushServiceAccount = "push@bench.iam.gserviceaccount.com"

    func run() async throws {
        let logger = {
            var logger = Logger(label: "bench")
            logger.logLevel = .error
            return logger
        }()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let app = PostgresClient(configuration: .init(connectionString: databaseURL, maxConnections: concurrency + 4))
        let superuser = PostgresClient(configuration: .init(connectionString: superuserURL, maxConnections: 2))
        var settings = GoogleEmulatorSettings()
        settings.clients[Self.clientID] = "secret"
        let emulator = try await GoogleEmulator(settings: settings, httpClient: http)
        try await EmulatorServer(emulators: [emulator]).withRunning { origin in
            let google = GoogleConfiguration.servedFrom(
                origin, clientID: Self.clientID, clientSecret: "secret", pushTopic: Self.pushTopic,
                pushAudience: Self.pushAudience, pushServiceAccount: Self.pushServiceAccount)
            await emulator.world.configurePubSub(
                PubSubConfiguration(
                    topic: Self.pushTopic, pushEndpoint: "http://127.0.0.1:\(httpPort)/webhooks/gmail",
                    audience: Self.pushAudience, serviceAccountEmail: Self.pushServiceAccount))
            let store = Store(client: app, keyring: try Keyring(parsing: Keyring.generateEntry(id: "bench")))
            let queue = JobQueue(client: app)
            let providers = ProviderRegistry([GmailProvider(configuration: google, httpClient: http)])
            let lifecycle = ConnectionLifecycle(
                store: store, queue: queue, providers: providers, redirectURI: "http://127.0.0.1:9/oauth/callback",
                pushTarget: { _, _ in PushTarget() }, logger: logger)
            let world = BenchWorld(store: store, emulator: emulator, lifecycle: lifecycle, http: http)

            print("generating \(mailboxes) mailboxes of \(messages) messages")
            let tenants = try await world.populate(mailboxes: mailboxes, messages: messages)
            print("generated \(tenants.totalBytes / 1_048_576) MiB of mail; connecting")
            for mailbox in tenants.mailboxes { try await world.connect(mailbox) }

            let sync = MailboxSyncHandler(
                store: store, queue: queue, providers: providers,
                tokens: TokenManager(store: PostgresTokenStore(store: store)), logger: logger)
            var handlers = JobHandlers()
            sync.register(in: &handlers)
            let worker = JobWorker(
                queue: queue, handlers: handlers, configuration: WorkerConfiguration(concurrency: concurrency),
                logger: logger)
            let api = buildApplication(
                http: HTTPConfiguration(host: "127.0.0.1", port: httpPort),
                dependencies: APIDependencies(
                    store: store, migrations: [], metrics: PrometheusCollectorRegistry(), bccDomain: "bcc.bench.example",
                    gmailPush: GmailPushVerifier(configuration: google, httpClient: http)),
                logger: logger)
            let group = ServiceGroup(
                configuration: .init(services: [.init(service: worker), .init(service: api)], logger: logger))
            let (rate, latencies, floorRate) = try await withThrowingTaskGroup(of: Void.self) { tasks in
                let started = ContinuousClock.now
                tasks.addTask { try await group.run() }
                let total = mailboxes * messages
                try await waitUntil(superuser, "all backfills finished") {
                    try await superuser.query(
                        "SELECT count(*) FROM connection_backfills WHERE finished_at IS NOT NULL"
                    ).single().decode(Int.self, at: 0) == mailboxes
                }
                let elapsed = ContinuousClock.now - started
                let cutoff = Date()
                let rate = Double(total) / elapsed.seconds
                let decided = try await superuser.query("SELECT count(*) FROM sync_decisions").single().decode(
                    Int.self, at: 0)
                print(String(format: "synced %d messages (%d decisions) in %.1f s: %.0f msgs/s", total, decided, elapsed.seconds, rate))
                let latencies = try await world.pushLatencies(
                    count: latencyMessages, tenants: tenants, database: superuser)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                let floorRate = try await DatabaseFloor(client: superuser).measure(upTo: cutoff)
                return (rate, latencies, floorRate)
            }
            let p99 = latencies.sorted()[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
            print(String(format: "push to CRM: p50=%.1f ms p99=%.1f ms max=%.1f ms", latencies.sorted()[latencies.count / 2], p99, latencies.max() ?? 0))
            print(
                String(
                    format: "sync: msgs_per_s=%.0f db_floor_msgs_per_s=%.0f ratio=%.2f push_to_crm_p99_ms=%.0f", rate,
                    floorRate, floorRate / rate, p99))
        }
        await app.shutdown()
        await superuser.shutdown()
        try await http.shutdown()
    }
}

/// Polls `condition` every 50 ms until it holds (no deadline: a benchmark that never finishes is a failure to see).
func waitUntil(_ database: PostgresClient, _ what: String, _ condition: () async throws -> Bool) async throws {
    var lastReport = ContinuousClock.now
    while try await !condition() {
        if ContinuousClock.now - lastReport > .seconds(15) {
            lastReport = ContinuousClock.now
            let done = try await database.query(
                "SELECT count(*), coalesce(sum(messages_done), 0)::int FROM connection_backfills WHERE finished_at IS NOT NULL"
            ).decode((Int, Int).self).first
            let dead = try await database.query("SELECT count(*) FROM jobs WHERE state = 'dead'").single().decode(Int.self, at: 0)
            print("waiting until \(what): \(done?.0 ?? 0) backfills finished, \(dead) dead jobs")
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
