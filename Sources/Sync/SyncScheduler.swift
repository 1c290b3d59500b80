import Foundation
import JobQueue
import Logging
import ServiceLifecycle
import Store

/// The worker's timer: every tick it enqueues the safety-net poll of each mailbox with no
/// finished sync within the poll period (a lost push delays a message by at most that period),
/// the push renewal of each mailbox whose subscription is missing or expiring, and the token
/// refresh of each connection whose access token expires soon. Every job it makes has a unique
/// key, so any number of worker processes may run a scheduler: a tick repeats nothing live.
public struct SyncScheduler: Service {
    /// The periods the scheduler works with.
    public struct Configuration: Sendable {
        /// A mailbox with no finished sync for this long is polled.
        public var pollInterval: Duration
        /// A push subscription expiring within this is renewed.
        public var renewPushBefore: Duration
        /// An access token expiring within this is refreshed.
        public var refreshTokensBefore: Duration
        /// Time between ticks (jittered by up to a fifth).
        public var tick: Duration

        /// Creates a configuration; the defaults suit production.
        public init(
            pollInterval: Duration = .seconds(600), renewPushBefore: Duration = .seconds(24 * 3600),
            refreshTokensBefore: Duration = .seconds(600), tick: Duration = .seconds(60)
        ) {
            self.pollInterval = pollInterval
            self.renewPushBefore = renewPushBefore
            self.refreshTokensBefore = refreshTokensBefore
            self.tick = tick
        }
    }

    /// What one tick enqueued (or found already queued).
    public struct Tick: Sendable, Hashable {
        /// Mailboxes polled.
        public var polls: Int
        /// Push renewals.
        public var pushRenewals: Int
        /// Token refreshes.
        public var tokenRefreshes: Int
    }

    let store: Store
    let queue: JobQueue
    let configuration: Configuration
    let logger: Logger

    /// Creates the scheduler.
    public init(store: Store, queue: JobQueue, configuration: Configuration = Configuration(), logger: Logger) {
        self.store = store
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
    }

    /// Ticks until graceful shutdown; a failed tick is logged and the next one tries again.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await tick()
                } catch {
                    logger.warning("scheduler tick failed", metadata: ["error": "\(error)"])
                }
                let jitter = Double.random(in: 0...0.2)
                try? await Task.sleep(for: configuration.tick + configuration.tick * jitter)
            }
        }
    }

    /// Enqueues the work that is due now.
    public func tick() async throws -> Tick {
        let due = try await store.routing.mailboxesDue(
            pollAfter: configuration.pollInterval.seconds, renewBefore: configuration.renewPushBefore.seconds)
        let expiring = try await store.routing.connectionsExpiring(within: configuration.refreshTokensBefore.seconds)
        let polls = due.filter(\.needsPoll).map { SyncJobs.sync(mailboxID: $0.mailboxID) }
        let renewals = due.filter(\.needsPushRenewal).map { SyncJobs.renewPush(mailboxID: $0.mailboxID) }
        let refreshes = expiring.map {
            SyncJobs.tokenRefresh(
                connection: ConnectionRef(scope: $0.scope, connectionID: $0.connectionID), mailboxID: $0.mailboxID)
        }
        let jobs = polls + renewals + refreshes
        if !jobs.isEmpty { _ = try await queue.enqueue(jobs) }
        return Tick(polls: polls.count, pushRenewals: renewals.count, tokenRefreshes: refreshes.count)
    }
}
