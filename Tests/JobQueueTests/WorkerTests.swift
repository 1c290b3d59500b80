import Foundation
import JobQueue
import Logging
import Postgres
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Serialized: every test runs workers that claim any due job of the suite's database.
@Suite(.freshDatabase, .serialized)
struct WorkerTests {
    private func recordingHandlers(_ recorder: RunRecorder, kind: String, work: Duration = .zero) -> JobHandlers {
        var handlers = JobHandlers()
        handlers.register(kind) { job in
            recorder.enter(job)
            if work > .zero { try await Task.sleep(for: work) }
            recorder.leave(job)
            return .succeeded
        }
        return handlers
    }

    @Test func notifiedJobStartsWithoutWaitingForTheSweep() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let recorder = RunRecorder()
        // A sweep period far longer than the deadline: only the notification can start the job.
        let configuration = WorkerConfiguration(sweepInterval: .seconds(600))
        try await withWorker(queue, handlers: recordingHandlers(recorder, kind: "notify.test"), configuration: configuration) {
            try await Task.sleep(for: .milliseconds(200))  // let the listener start
            let job = try await queue.enqueue([NewJob(kind: "notify.test", fairnessKey: "t")])[0]
            try await eventually(within: 5, "the notified job to run") { recorder.ran.contains(job.id) }
        }
    }

    @Test func jobEnqueuedWhileTheListenerIsDisconnectedStillRuns() async throws {
        let database = try TestDatabase.current
        _ = try await emptyQueue()
        let proxy = try TCPProxy(targetPort: database.port)
        defer { proxy.stop() }
        let workerClient = PostgresClient(configuration: .init(
            connectionString: "postgresql://mailsync_app@127.0.0.1:\(proxy.port)/\(database.name)"))
        let recorder = RunRecorder()
        let configuration = WorkerConfiguration(sweepInterval: .seconds(600))
        try await withWorker(
            JobQueue(client: workerClient), handlers: recordingHandlers(recorder, kind: "gap.test"), configuration: configuration
        ) {
            try await Task.sleep(for: .milliseconds(200))
            proxy.pause()
            proxy.cutAll()
            // Enqueued directly while every worker connection is down: its NOTIFY is lost.
            let job = try await JobQueue(client: database.app).enqueue([NewJob(kind: "gap.test", fairnessKey: "t")])[0]
            proxy.resume()
            try await eventually(within: 10, "the job to run after the listener reconnects") { recorder.ran.contains(job.id) }
        }
        await workerClient.shutdown()
    }

    @Test func twoWorkersNeverRunTwoJobsOfOneLaneButRunLanesInParallel() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let recorder = RunRecorder()
        let handlers = recordingHandlers(recorder, kind: "lane.test", work: .milliseconds(15))
        let jobs = (0..<40).map { index in
            NewJob(kind: "lane.test", fairnessKey: "tenant-\(index % 3)", laneKey: "sync:mailbox-\(index % 4)")
        }
        let ids = try await queue.enqueue(jobs).map(\.id)
        let other = try TestDatabase.current.client(role: "mailsync_app", maxConnections: 8)
        try await withWorker(queue, handlers: handlers, configuration: WorkerConfiguration(concurrency: 4)) {
            try await withWorker(JobQueue(client: other), handlers: handlers, configuration: WorkerConfiguration(concurrency: 4)) {
                try await eventually(within: 20, "all lane jobs to run") { Set(recorder.ran).isSuperset(of: ids) }
            }
        }
        #expect(recorder.maxPerLane == 1)
        #expect(recorder.maxRunning >= 2)
        await other.shutdown()
    }

    @Test func failingHandlerIsRetriedWithBackoffAndRequestedDelaysAreHonoured() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        struct Flaky: Error {}
        var handlers = JobHandlers()
        handlers.register("flaky") { _ in throw Flaky() }
        handlers.register("limited") { _ in throw RetryLater(after: .seconds(90), reason: "provider said Retry-After: 90") }
        let policy = RetryPolicy(base: .seconds(30), cap: .seconds(300))
        try await withWorker(queue, handlers: handlers, configuration: WorkerConfiguration(retryPolicy: policy)) {
            let jobs = try await queue.enqueue([NewJob(kind: "flaky", fairnessKey: "t"), NewJob(kind: "limited", fairnessKey: "t")])
            try await eventually("both jobs to fail once") {
                try await db.query("SELECT count(*) FROM jobs WHERE state = 'available' AND attempts = 1 AND id IN (\(jobs[0].id), \(jobs[1].id))")
                    .single().decode(Int.self, at: 0) == 2
            }
            let waits = try await db.query(
                "SELECT extract(epoch FROM run_at - now())::float8, last_error FROM jobs WHERE id IN (\(jobs[0].id), \(jobs[1].id)) ORDER BY id"
            ).decode((Double, String).self)
            #expect(waits[0].0 > 13 && waits[0].0 <= 30)
            #expect(waits[1].0 > 85 && waits[1].0 <= 90)
            #expect(waits[1].1 == "provider said Retry-After: 90")
            try await queue.cancel(fairnessKey: "t")
        }
    }

    @Test func jobAskingForItsNextSliceRunsPastItsAttemptsAndSucceeds() async throws {
        let queue = try await emptyQueue()
        let slices = Mutex(0)
        var handlers = JobHandlers()
        handlers.register("walk") { _ in
            let done = slices.withLock { count -> Bool in
                count += 1
                return count == 12
            }
            return done ? .succeeded : .again(reason: "next page")
        }
        let job = try await queue.enqueue([NewJob(kind: "walk", fairnessKey: "t", maxAttempts: 3)])[0]
        try await withWorker(queue, handlers: handlers, configuration: WorkerConfiguration()) {
            try await eventually("the walk of 12 slices to finish") {
                try await queue.client.query("SELECT state::text FROM jobs WHERE id = \(job.id)").single()
                    .decode(String.self, at: 0) == "succeeded"
            }
        }
        #expect(slices.withLock { $0 } == 12)
    }

    @Test func aDuplicateEnqueuedWhileItsJobRunsMakesItRunOnceMore() async throws {
        let queue = try await emptyQueue()
        let runs = Mutex(0)
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        var handlers = JobHandlers()
        handlers.register("coalesced") { _ in
            let run = runs.withLock { count -> Int in
                count += 1
                return count
            }
            if run == 1 {
                startedSignal.yield()
                for await _ in release { break }
            }
            return .succeeded
        }
        let job = NewJob(kind: "coalesced", fairnessKey: "t", laneKey: "sync:m", uniqueKey: "coalesced:m")
        let first = try await queue.enqueue([job])[0]
        try await withWorker(queue, handlers: handlers, configuration: WorkerConfiguration()) {
            for await _ in started { break }
            // Three pushes while it runs: the same job, marked to run once more.
            for _ in 0..<3 {
                let duplicate = try await queue.enqueue([job])[0]
                #expect(duplicate.id == first.id && !duplicate.isNew)
            }
            releaseSignal.yield()
            try await eventually("the job to run again and succeed") {
                try await queue.client.query("SELECT state::text FROM jobs WHERE id = \(first.id)").single()
                    .decode(String.self, at: 0) == "succeeded" && runs.withLock { $0 } == 2
            }
        }
        #expect(runs.withLock { $0 } == 2)
    }

    @Test func gracefulShutdownReleasesClaimedButUnstartedJobs() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let gate = AsyncStream<Void>.makeStream()
        let started = Mutex(0)
        var handlers = JobHandlers()
        handlers.register("gated") { _ in
            started.withLock { $0 += 1 }
            for await _ in gate.stream { break }
            return .succeeded
        }
        let ids = try await queue.enqueue((0..<5).map { _ in NewJob(kind: "gated", fairnessKey: "gate-tenant") }).map(\.id)
        let worker = JobWorker(
            queue: queue, handlers: handlers, configuration: WorkerConfiguration(concurrency: 1, prefetch: 4),
            logger: Logger(label: "test.worker"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: Logger(label: "test.worker")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await eventually("one job to start and four to be claimed") {
                let running = try await db.query("SELECT count(*) FROM jobs WHERE state = 'running' AND fairness_key = 'gate-tenant'")
                    .single().decode(Int.self, at: 0)
                return running == 5 && started.withLock { $0 } == 1
            }
            await group.triggerGracefulShutdown()
            gate.continuation.yield()
            try await tasks.waitForAll()
        }
        let states = try await db.query("SELECT state::text, attempts FROM jobs WHERE fairness_key = 'gate-tenant' ORDER BY id")
            .decode((JobState, Int).self)
        #expect(states.filter { $0.0 == .succeeded }.count == 1)
        #expect(states.filter { $0.0 == .available && $0.1 == 0 }.count == 4)
        #expect(ids.count == 5)
        #expect(started.withLock { $0 } == 1)
    }

    @Test func jobOfAKilledWorkerProcessIsRerunByAnotherAfterItsLease() async throws {
        let database = try TestDatabase.current
        let queue = try await emptyQueue()
        let job = try await queue.enqueue([NewJob(kind: "test.hang", fairnessKey: "kill-tenant", laneKey: "kill-lane")])[0]
        let process = Process()
        process.executableURL = try queueBenchExecutable()
        process.arguments = ["work", "--database-url", database.url(role: "mailsync_app"), "--lease-seconds", "1", "--worker-id", "doomed"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await eventually(within: 30, "the doomed worker to run the job") {
            try await database.app.query("SELECT lease_owner FROM jobs WHERE id = \(job.id) AND state = 'running'")
                .decodeColumn(String?.self) == ["doomed"]
        }
        kill(process.processIdentifier, SIGKILL)
        await process.exited()
        let recorder = RunRecorder()
        var handlers = JobHandlers()
        handlers.register("test.hang") { job in
            recorder.enter(job)
            recorder.leave(job)
            return .succeeded
        }
        let configuration = WorkerConfiguration(lease: .seconds(5), sweepInterval: .milliseconds(300))
        try await withWorker(queue, handlers: handlers, configuration: configuration) {
            try await eventually(within: 15, "another worker to take the job over") { recorder.ran.contains(job.id) }
        }
        try await eventually("the job to be recorded as succeeded") {
            try await database.app.jobState(job.id) == (.succeeded, 2)
        }
    }

    /// The `queue-bench` executable built beside the test bundle.
    private func queueBenchExecutable() throws -> URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("queue-bench")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/queue-bench")
        return try #require(FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil, "build queue-bench first")
    }
}
