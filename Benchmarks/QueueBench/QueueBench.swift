import ArgumentParser
import Foundation
import JobQueue
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// `make bench-queue`'s measurements, and a killable worker process for the queue tests.
@main
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue-bench", abstract: "Job queue benchmarks.",
        subcommands: [Drain.self, Latency.self, Work.self])
}

struct DatabaseOptions: ParsableArguments {
    @Option(help: "libpq connection string (default: MAILSYNC_DATABASE_URL).")
    var databaseURL: String?

    func client(connections: Int) -> PostgresClient {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["MAILSYNC_DATABASE_URL"] ?? ""
        return PostgresClient(configuration: .init(connectionString: url, maxConnections: connections, applicationName: "queue-bench"))
    }
}

/// Drains pre-enqueued no-op jobs spread over tenants and lanes; prints jobs per second.
struct Drain: AsyncParsableCommand {
    @OptionGroup var database: DatabaseOptions
    @Option var jobs = 50_000
    @Option var tenants = 50
    @Option var lanes = 1_000
    @Option var concurrency = 200
    @Option var workers = 1

    func run() async throws {
        let client = database.client(connections: 8 * workers)
        let queue = JobQueue(client: client)
        try await client.query("DELETE FROM jobs")
        var batch: [NewJob] = []
        for index in 0..<jobs {
            batch.append(NewJob(kind: "bench.noop", fairnessKey: "tenant-\(index % tenants)", laneKey: "lane-\(index % lanes)"))
            if batch.count == 1000 {
                try await queue.enqueue(batch)
                batch.removeAll()
            }
        }
        try await queue.enqueue(batch)
        try await client.query("VACUUM ANALYZE jobs")

        let done = Locked(0)
        let finished = AsyncStream<Void>.makeStream()
        var handlers = JobHandlers()
        handlers.register("bench.noop") { _ in
            let count = done.withLock { $0 += 1; return $0 }
            if count == jobs { finished.continuation.yield() }
            return .succeeded
        }
        let start = ContinuousClock.now
        let workerServices = (0..<workers).map { _ in
            JobWorker(
                queue: queue, handlers: handlers,
                configuration: WorkerConfiguration(concurrency: concurrency, sweepInterval: .seconds(30)),
                logger: Logger(label: "bench"))
        }
        let group = ServiceGroup(
            configuration: .init(services: workerServices.map { .init(service: $0) }, logger: Logger(label: "bench")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for await _ in finished.stream { break }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let remaining = try await client.query("SELECT count(*) FROM jobs WHERE state <> 'succeeded'").single()
            .decode(Int.self, at: 0)
        guard remaining == 0 else { throw ValidationError("\(remaining) jobs were not completed") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("drain: jobs=\(jobs) seconds=\(String(format: "%.3f", seconds)) jobs_per_s=\(Int(Double(jobs) / seconds))")
        await client.shutdown()
    }
}

/// Enqueues single-job transactions at a fixed rate while a worker idles; prints latency
/// percentiles (handler start minus enqueue COMMIT return, one clock).
struct Latency: AsyncParsableCommand {
    @OptionGroup var database: DatabaseOptions
    @Option var rate = 500
    @Option var seconds = 20
    @Option var enqueuers = 4

    func run() async throws {
        let client = database.client(connections: 16)
        let queue = JobQueue(client: client)
        try await client.query("DELETE FROM jobs")
        try await client.query("VACUUM ANALYZE jobs")
        let committed = Locked([Int64: ContinuousClock.Instant]())
        let started = Locked([Int64: ContinuousClock.Instant]())
        var handlers = JobHandlers()
        handlers.register("bench.latency") { job in
            let now = ContinuousClock.now
            started.withLock { $0[job.id] = now }
            return .succeeded
        }
        let worker = JobWorker(
            queue: queue, handlers: handlers,
            configuration: WorkerConfiguration(concurrency: 32, sweepInterval: .seconds(30)), logger: Logger(label: "bench"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: Logger(label: "bench")))
        let total = rate * seconds
        let enqueuers = self.enqueuers
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(500))
            let origin = ContinuousClock.now
            let interval = Duration.seconds(1) / rate
            try await withThrowingTaskGroup(of: Void.self) { producers in
                for producer in 0..<enqueuers {
                    producers.addTask {
                        var index = producer
                        while index < total {
                            try await Task.sleep(until: origin + interval * index, clock: .continuous)
                            let job = try await queue.enqueue([NewJob(kind: "bench.latency", fairnessKey: "tenant-\(index % 50)")])
                            let now = ContinuousClock.now
                            committed.withLock { $0[job[0].id] = now }
                            index += enqueuers
                        }
                    }
                }
                try await producers.waitForAll()
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while started.withLock({ $0.count }) < total && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let commits = committed.withLock { $0 }
        let latencies = started.withLock { $0 }.compactMap { id, start -> Double? in
            guard let commit = commits[id] else { return nil }
            let delta = start - commit
            return max(0, Double(delta.components.seconds) * 1000 + Double(delta.components.attoseconds) / 1e15)
        }.sorted()
        guard latencies.count == total else { throw ValidationError("only \(latencies.count) of \(total) jobs ran") }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "latency: jobs=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f", total, percentile(0.5), percentile(0.99), latencies.last ?? 0))
        await client.shutdown()
    }
}

/// A worker process for the queue tests: runs `test.noop` jobs, and hangs forever on `test.hang`
/// jobs, so a test can kill it mid-job.
struct Work: AsyncParsableCommand {
    @OptionGroup var database: DatabaseOptions
    @Option var leaseSeconds = 1
    @Option var workerID: String = WorkerConfiguration.defaultWorkerID()

    func run() async throws {
        let client = database.client(connections: 4)
        var handlers = JobHandlers()
        handlers.register("test.noop") { _ in .succeeded }
        handlers.register("test.hang") { _ in
            try await Task.sleep(for: .seconds(3600))
            return .succeeded
        }
        let worker = JobWorker(
            queue: JobQueue(client: client), handlers: handlers,
            configuration: WorkerConfiguration(workerID: workerID, lease: .seconds(leaseSeconds), sweepInterval: .milliseconds(300)),
            logger: Logger(label: "test-worker"))
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: worker)], gracefulShutdownSignals: [.sigterm], logger: Logger(label: "test-worker")))
        try await group.run()
    }
}

/// A value behind a lock, shareable between tasks and handlers.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}
