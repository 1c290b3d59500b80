import AsyncHTTPClient
import Foundation
import JobQueue
import Logging
import Store
import SyncCore

/// Runs `events.deliver`: delivers one lane (one endpoint, one sub-account) in event id order.
///
/// Each step reads the lane's head in a short transaction, POSTs it outside any transaction, and
/// records the outcome in another: acknowledged (2xx) -> delivered; otherwise retried with
/// backoff until the horizon, then dead, after which the lane moves on. A head that is not due yet
/// ends the job, and the lane's follow-up job wakes it at the due time.
///
/// ```swift
/// var handlers = JobHandlers()
/// WebhookDeliveryHandler(store: store, queue: queue, httpClient: http, configuration: .init(), logger: logger)
///     .register(in: &handlers)
/// ```
public struct WebhookDeliveryHandler: Sendable {
    let store: Store
    let queue: JobQueue
    let poster: WebhookPoster
    let schedule: WebhookRetrySchedule
    let configuration: WebhookConfiguration
    let logger: Logger

    /// Creates the handler over the shared HTTP client.
    public init(
        store: Store, queue: JobQueue, httpClient: HTTPClient, configuration: WebhookConfiguration, logger: Logger
    ) {
        self.store = store
        self.queue = queue
        self.poster = WebhookPoster(httpClient: httpClient, timeout: configuration.timeout)
        self.schedule = WebhookRetrySchedule(policy: configuration.retryPolicy, horizon: configuration.horizon)
        self.configuration = configuration
        self.logger = logger
    }

    /// Registers `events.deliver`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register(WebhookJobs.kind) { job in try await run(job) }
    }

    /// What the lane does next.
    private enum Step {
        case stop
        case wait(Duration)
        case send(url: String, secret: SecretText, head: PendingWebhookDelivery)
    }

    /// One attempt of one job: delivers due heads until the lane is empty, waiting, or the job's share is done.
    func run(_ job: Job) async throws -> JobOutcome {
        let lane = try job.decodePayload(WebhookJobs.Payload.self)
        let scope = TenantScope.subAccount(lane.subAccountID, of: lane.agencyID)
        for _ in 0..<configuration.deliveriesPerJob {
            switch try await nextStep(lane, scope: scope) {
            case .stop:
                return .succeeded
            case .wait(let delay):
                if lane.isFollowUp {
                    return .retry(after: delay, reason: "waiting for the next attempt of the lane's head")
                }
                try await queue.enqueue([WebhookJobs.followUp(lane, at: Date().addingTimeInterval(delay.timeInterval))])
                return .succeeded
            case .send(let url, let secret, let head):
                try await attempt(head, url: url, secret: secret, lane: lane, scope: scope)
            }
        }
        // A long backlog continues in the lane's other job, so one job stays short.
        try await queue.enqueue([
            lane.isFollowUp
                ? WebhookJobs.deliver(
                    agencyID: lane.agencyID, subAccountID: lane.subAccountID, endpointID: lane.endpointID)
                : WebhookJobs.followUp(lane, at: nil)
        ])
        return .succeeded
    }

    private func nextStep(_ lane: WebhookJobs.Payload, scope: TenantScope) async throws -> Step {
        try await store.withTenant(scope) { tx in
            guard let (endpoint, secret) = try await tx.webhookEndpoints.signingEndpoint(lane.endpointID),
                endpoint.isEnabled,
                let head = try await tx.webhookDeliveries.head(endpointID: lane.endpointID)
            else { return .stop }
            guard head.nextAttemptAt <= head.now else {
                return .wait(.milliseconds(Int64(head.nextAttemptAt.timeIntervalSince(head.now) * 1000) + 1))
            }
            return .send(url: endpoint.url, secret: secret, head: head)
        }
    }

    private func attempt(
        _ head: PendingWebhookDelivery, url: String, secret: SecretText, lane: WebhookJobs.Payload, scope: TenantScope
    ) async throws {
        let body = try WebhookRequestBody.bytes(head, subAccountID: lane.subAccountID)
        let started = Date()
        let result = await poster.post(to: url, eventID: head.eventID, body: body, secret: secret)
        guard case .failed(let kind) = result else {
            try await store.withTenant(scope) { tx in
                try await tx.webhookDeliveries.markDelivered(endpointID: lane.endpointID, eventID: head.eventID)
            }
            WebhookMetrics.delivered()
            return
        }
        // The database's clock when the head was read, plus the time the POST took.
        let now = head.now.addingTimeInterval(Date().timeIntervalSince(started))
        let retryAt = schedule.nextAttempt(
            afterAttempt: head.attempts + 1, retryingSince: head.retryingSince, now: now, unit: Double.random(in: 0...1)
        )
        try await store.withTenant(scope) { tx in
            try await tx.webhookDeliveries.markFailed(
                endpointID: lane.endpointID, eventID: head.eventID, error: kind, retryAt: retryAt)
        }
        logger.info(
            retryAt == nil ? "webhook delivery dead" : "webhook delivery failed",
            metadata: ["endpoint": "\(lane.endpointID)", "event": "\(head.eventID)", "error": "\(kind)"])
        if retryAt == nil { WebhookMetrics.dead() } else { WebhookMetrics.failed() }
    }
}
