import AsyncHTTPClient
import Emulators
import Foundation
import JobQueue
import Logging
import Postgres
import ServiceLifecycle
import Store
import SyncCore
import TestSupport
import Testing
import Webhooks

/// An agency with sub-accounts, a receiver on loopback, and a real `JobWorker` running
/// `events.deliver` with the webhook sweep.
struct WebhookWorld: Sendable {
    let store: Store
    let queue: JobQueue
    let http: HTTPClient
    let agencyID: UUID
    let subAccounts: [TenantScope]
    let receiver: WebhookReceiver
    let origin: URL

    /// Fast retries for tests: 20-40 ms backoff, a minute's horizon unless given.
    static func configuration(horizon: Duration = .seconds(60), timeout: Duration = .seconds(5)) -> WebhookConfiguration
    {
        WebhookConfiguration(
            timeout: timeout, horizon: horizon,
            retryPolicy: RetryPolicy(base: .milliseconds(40), cap: .milliseconds(40)),
            sweepInterval: .milliseconds(200))
    }

    /// Runs `body` in a new world with `subAccounts` sub-accounts.
    static func with(subAccounts count: Int = 1, _ body: @Sendable (WebhookWorld) async throws -> Void) async throws {
        let database = try TestDatabase.current
        // One key for every world: a job a failed test left behind still opens its endpoint's secret.
        let store = Store(
            client: database.app,
            keyring: try Keyring(parsing: "webhook-test:" + String(repeating: "A", count: 43) + "="))
        let agencyID = UUID()
        let scopes = try await store.withTenant(.agency(agencyID)) { tx in
            _ = try await tx.agency.create(name: "Agency \(agencyID.uuidString.prefix(6))")
            var scopes: [TenantScope] = []
            for index in 0..<count {
                scopes.append(
                    try await tx.subAccounts.create(name: "Sub \(index)", bccDomain: "bcc.test.example").scope)
            }
            return scopes
        }
        let receiver = WebhookReceiver()
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            try await EmulatorServer(emulators: [receiver]).withRunning { origin in
                let world = WebhookWorld(
                    store: store, queue: JobQueue(client: database.app), http: http, agencyID: agencyID,
                    subAccounts: scopes, receiver: receiver, origin: origin)
                // Jobs are global rows: leave none for the next test's worker, whatever happens.
                var failure: (any Error)?
                do {
                    try await body(world)
                } catch {
                    failure = error
                }
                for scope in scopes {
                    _ = try await world.queue.cancel(fairnessKey: try #require(scope.subAccountID).uuidString)
                }
                // Nor a pending delivery for the next test's sweep to wake.
                try await store.withTenant(.agency(agencyID)) { tx in
                    for endpoint in try await tx.webhookEndpoints.list() {
                        _ = try await tx.webhookEndpoints.delete(endpoint.id)
                    }
                }
                if let failure { throw failure }
            }
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// Creates an endpoint at `path` on the receiver.
    func endpoint(_ path: String, eventTypes: [String]? = nil, enabled: Bool = true) async throws
        -> (endpoint: WebhookEndpoint, secret: SecretText)
    {
        try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.webhookEndpoints.create(
                url: origin.appendingPathComponent(path).absoluteString, isEnabled: enabled, eventTypes: eventTypes)
        }
    }

    /// Appends an event to sub-account `index`, as the sync engine does.
    @discardableResult
    func append(_ type: String = "message.synced", in index: Int = 0, payload: [String: String] = [:]) async throws
        -> Int64
    {
        try await store.withTenant(subAccounts[index]) { tx in try await tx.events.append(type, payload: payload) }
    }

    /// The endpoint's deliveries (agency view), newest first.
    func deliveries(_ endpoint: WebhookEndpoint, state: WebhookDelivery.State? = nil) async throws -> [WebhookDelivery]
    {
        try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.webhookDeliveries.list(endpointID: endpoint.id, state: state, beforeEventID: nil, limit: 200)
        }
    }

    /// Runs the worker and the sweep until `condition` holds (polled, 20 s at most).
    func runWorker(
        _ what: Comment, configuration: WebhookConfiguration = configuration(),
        until condition: @Sendable () async throws -> Bool
    ) async throws {
        let logger = Logger(label: "test.webhooks")
        var handlers = JobHandlers()
        WebhookDeliveryHandler(
            store: store, queue: queue, httpClient: http, configuration: configuration, logger: logger
        )
        .register(in: &handlers)
        let worker = JobWorker(
            queue: queue, handlers: handlers,
            configuration: WorkerConfiguration(concurrency: 4, sweepInterval: .milliseconds(200)), logger: logger)
        let sweeper = WebhookSweeper(store: store, queue: queue, interval: configuration.sweepInterval, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: worker), .init(service: sweeper)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await waitUntil(what, condition)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
