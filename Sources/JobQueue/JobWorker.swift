import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// A worker: one `LISTEN` connection, a claim loop, up to `concurrency` handlers at once, lease
/// renewal, batched completions and a jittered safety-net sweep. A `Service`: on graceful
/// shutdown it stops claiming, releases claimed jobs it has not started, lets running handlers
/// finish, flushes their results and returns.
public final class JobWorker: Service, Sendable {
    private let queue: JobQueue
    private let handlers: JobHandlers
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    /// Wakes the claim loop: a notification, a freed slot or lane, the sweep.
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    /// Wakes the completion flusher.
    private let flushes: AsyncStream<Void>
    private let flush: AsyncStream<Void>.Continuation

    private struct State {
        var buffered: [Job] = []
        var running: Set<Int64> = []
        var succeeded: [Int64] = []
        var flushing: [Int64] = []
        var stopping = false
    }

    /// Creates a worker; `run()` starts it.
    public init(queue: JobQueue, handlers: JobHandlers, configuration: WorkerConfiguration, logger: Logger) {
        self.queue = queue
        self.handlers = handlers
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "worker"] = "\(configuration.workerID)"
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (flushes, flush) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        try await queue.client.withNotifications(channels: [JobQueue.channel]) { events in
            await withDiscardingTaskGroup { group in
                group.addTask { await self.listen(to: events) }
                group.addTask { await self.sweepPeriodically() }
                group.addTask { await self.renewLeasesPeriodically() }
                group.addTask { await self.flushPeriodically() }
                await withGracefulShutdownHandler {
                    await self.claimAndRun()
                } onGracefulShutdown: {
                    self.state.withLock { $0.stopping = true }
                    self.wake.yield()
                }
                group.cancelAll()
            }
        }
        await flushSucceeded()
        logger.info("worker stopped")
    }

    // MARK: - Claim loop

    private var isStopping: Bool { state.withLock { $0.stopping } || Task.isCancelled }

    private func claimAndRun() async {
        var wakeups = wakes.makeAsyncIterator()
        await withDiscardingTaskGroup { group in
            while !isStopping {
                startBuffered(in: &group)
                let wanted = state.withLock {
                    configuration.concurrency + configuration.prefetch - $0.running.count - $0.buffered.count
                }
                if wanted > 0 {
                    do {
                        let jobs = try await queue.claim(
                            limit: wanted, owner: configuration.workerID, lease: configuration.lease)
                        state.withLock { $0.buffered += jobs }
                        startBuffered(in: &group)
                        if jobs.count == wanted { continue }
                    } catch {
                        // Try again shortly rather than wait for the next wake-up: the jobs that
                        // woke this claim would otherwise wait for the sweep (a broken pooled
                        // connection after a network cut fails exactly one claim).
                        logger.warning("claim failed", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: .milliseconds(250))
                        continue
                    }
                }
                guard await wakeups.next() != nil else { break }
            }
            await releaseBuffered()
        }
    }

    private func startBuffered(in group: inout DiscardingTaskGroup) {
        let jobs: [Job] = state.withLock { state in
            let free = max(0, configuration.concurrency - state.running.count)
            let starting = Array(state.buffered.prefix(free))
            state.buffered.removeFirst(starting.count)
            state.running.formUnion(starting.map(\.id))
            return starting
        }
        for job in jobs {
            group.addTask { await self.execute(job) }
        }
    }

    private func releaseBuffered() async {
        let jobs = state.withLock { state in
            defer { state.buffered.removeAll() }
            return state.buffered
        }
        guard !jobs.isEmpty else { return }
        do {
            try await queue.release(jobs.map(\.id), owner: configuration.workerID)
            logger.info("released unstarted jobs", metadata: ["count": "\(jobs.count)"])
        } catch {
            logger.warning("release failed; the leases will expire", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Running one job

    private func execute(_ job: Job) async {
        let outcome: Result<JobOutcome, Error>
        if let handler = handlers.handler(for: job.kind) {
            do {
                outcome = .success(try await handler(job))
            } catch {
                outcome = .failure(error)
            }
        } else {
            outcome = .failure(NoHandler(kind: job.kind))
        }
        switch outcome {
        case .success(.succeeded):
            state.withLock { $0.succeeded.append(job.id) }
            flush.yield()
        case .success(.retry(let delay, let reason)):
            await recordFailure(job, delay: delay, error: reason)
        case .success(.again):
            await requeue(job)
        case .failure(let error as RetryLater):
            await recordFailure(job, delay: error.delay, error: error.reason)
        case .failure(let error):
            let delay = configuration.retryPolicy.delay(afterAttempt: job.attempt)
            logger.warning(
                "job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)",
                "error": "\(error)"])
            await recordFailure(job, delay: delay, error: String(describing: error))
        }
        state.withLock { _ = $0.running.remove(job.id) }
        wake.yield()
    }

    private func requeue(_ job: Job) async {
        do {
            try await queue.release([job.id], owner: configuration.workerID)
        } catch {
            logger.warning("requeueing a job's next slice failed; the lease will expire", metadata: ["job": "\(job.id)"])
        }
    }

    private func recordFailure(_ job: Job, delay: Duration, error: String) async {
        do {
            try await queue.fail(job.id, owner: configuration.workerID, delay: delay, error: error)
        } catch {
            logger.warning("recording a failure failed; the lease will expire", metadata: ["job": "\(job.id)"])
        }
    }

    // MARK: - Background loops

    private func listen(to events: AsyncStream<PostgresNotificationEvent>) async {
        for await event in events {
            if event == .reconnected {
                logger.info("listener reconnected; sweeping for missed jobs")
                await sweep()
            }
            wake.yield()
        }
    }

    private func sweepPeriodically() async {
        while !Task.isCancelled {
            let jitter = Double.random(in: 0.8...1.2)
            do {
                try await Task.sleep(for: configuration.sweepInterval * jitter)
            } catch {
                return
            }
            await sweep()
            wake.yield()
        }
    }

    private func sweep() async {
        do {
            let reclaimed = try await queue.reclaimExpiredLeases()
            if reclaimed > 0 { logger.info("took over jobs with expired leases", metadata: ["count": "\(reclaimed)"]) }
            try await queue.purgeFinished()
        } catch {
            logger.warning("sweep failed", metadata: ["error": "\(error)"])
        }
    }

    private func renewLeasesPeriodically() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: configuration.lease / 3)
            } catch {
                return
            }
            let (active, finishing) = state.withLock {
                (Array($0.running) + $0.buffered.map(\.id), $0.succeeded + $0.flushing)
            }
            do {
                let kept = try await queue.renewLeases(
                    active + finishing, owner: configuration.workerID, lease: configuration.lease)
                // A finishing job may have been marked succeeded meanwhile: that is not a loss.
                let lost = Set(active).subtracting(kept)
                if !lost.isEmpty {
                    // Cancelled or taken over: their results will be ignored by the table.
                    logger.info("lost leases", metadata: ["jobs": "\(lost.sorted())"])
                }
            } catch {
                logger.warning("lease renewal failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func flushPeriodically() async {
        for await _ in flushes {
            await flushSucceeded()
        }
    }

    /// Writes every pending success in one statement, then wakes the claim loop (lanes are free).
    private func flushSucceeded() async {
        let ids = state.withLock { state in
            state.flushing = state.succeeded
            state.succeeded.removeAll()
            return state.flushing
        }
        guard !ids.isEmpty else { return }
        do {
            try await queue.complete(ids, owner: configuration.workerID)
            state.withLock { $0.flushing.removeAll() }
        } catch {
            logger.warning("completing jobs failed; retrying", metadata: ["error": "\(error)"])
            state.withLock { state in
                state.succeeded = state.flushing + state.succeeded
                state.flushing.removeAll()
            }
            try? await Task.sleep(for: .milliseconds(100))
            flush.yield()
        }
        wake.yield()
    }
}

/// A job whose kind has no registered handler.
struct NoHandler: Error, CustomStringConvertible {
    var kind: String
    var description: String { "no handler registered for job kind \(kind)" }
}
