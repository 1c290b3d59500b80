import Foundation
import JobQueue
import Logging
import Postgres
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Runs a worker while `body` runs, then shuts it down gracefully and waits for it.
func withWorker<T: Sendable>(
    _ queue: JobQueue, handlers: JobHandlers, configuration: WorkerConfiguration,
    _ body: @Sendable () async throws -> T
) async throws -> T {
    let worker = JobWorker(queue: queue, handlers: handlers, configuration: configuration, logger: Logger(label: "test.worker"))
    let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: Logger(label: "test.worker")))
    return try await withThrowingTaskGroup(of: T?.self) { tasks in
        tasks.addTask {
            try await group.run()
            return nil
        }
        let value: T
        do {
            value = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return value
    }
}

/// Counts handler runs and the highest concurrency seen, per lane and overall.
final class RunRecorder: Sendable {
    private struct State {
        var ran: [Int64] = []
        var runningPerLane: [String: Int] = [:]
        var maxPerLane = 0
        var running = 0
        var maxRunning = 0
    }
    private let state = Mutex(State())

    func enter(_ job: Job) {
        state.withLock { state in
            state.running += 1
            state.maxRunning = max(state.maxRunning, state.running)
            if let lane = job.laneKey {
                state.runningPerLane[lane, default: 0] += 1
                state.maxPerLane = max(state.maxPerLane, state.runningPerLane[lane]!)
            }
        }
    }

    func leave(_ job: Job) {
        state.withLock { state in
            state.running -= 1
            state.ran.append(job.id)
            if let lane = job.laneKey { state.runningPerLane[lane, default: 0] -= 1 }
        }
    }

    var ran: [Int64] { state.withLock { $0.ran } }
    var maxPerLane: Int { state.withLock { $0.maxPerLane } }
    var maxRunning: Int { state.withLock { $0.maxRunning } }
}

extension PostgresClient {
    /// The state and attempts of a job.
    func jobState(_ id: Int64) async throws -> (JobState, Int) {
        try await query("SELECT state::text, attempts FROM jobs WHERE id = \(id)").single().decode((JobState, Int).self)
    }
}

/// The suite database's queue, emptied: tests of a serialized suite share the jobs table.
func emptyQueue() async throws -> JobQueue {
    let db = try TestDatabase.current.app
    try await db.query("DELETE FROM jobs")
    return JobQueue(client: db)
}
