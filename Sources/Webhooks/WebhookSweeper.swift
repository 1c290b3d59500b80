import Foundation
import JobQueue
import Logging
import ServiceLifecycle
import Store

/// The safety net of webhook delivery: every `sweepInterval` (jittered by ±20 %) it wakes each
/// lane whose head is due, so a delivery whose wake-up was lost (a job that died, a wake-up that
/// coalesced into a job that was finishing) is delivered anyway. A `Service` of the worker.
public struct WebhookSweeper: Service {
    let store: Store
    let queue: JobQueue
    let interval: Duration
    let logger: Logger

    /// Creates the sweeper.
    public init(store: Store, queue: JobQueue, interval: Duration, logger: Logger) {
        self.store = store
        self.queue = queue
        self.interval = interval
        self.logger = logger
    }

    /// Sweeps until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval * Double.random(in: 0.8...1.2))
                } catch {
                    return
                }
                do {
                    try await sweep()
                } catch {
                    logger.warning("webhook sweep failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Enqueues the delivery job of every due lane (unique keys make repeats free); returns how many lanes.
    @discardableResult
    public func sweep() async throws -> Int {
        let lanes = try await store.routing.dueWebhookLanes()
        try await queue.enqueue(
            lanes.map {
                WebhookJobs.deliver(agencyID: $0.agencyID, subAccountID: $0.subAccountID, endpointID: $0.endpointID)
            })
        return lanes.count
    }
}
