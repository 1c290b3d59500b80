import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct CooperativePoolTests {
    /// More libpq calls than there are cores block in pg_sleep(2); a task started after them
    /// still runs to completion long before they end, so libpq never blocks the cooperative pool.
    @Test func blockingCallsDoNotStarveSwiftTasks() async throws {
        let database = try TestDatabase.current
        let blockers = ProcessInfo.processInfo.activeProcessorCount * 2 + 2
        let client = database.client(role: "mailsync_app", maxConnections: blockers)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<blockers {
                group.addTask {
                    try await client.query("SELECT pg_sleep(2)")
                    return ContinuousClock.now - start
                }
            }
            // Give the blockers time to be inside libpq before the probe starts.
            try await Task.sleep(for: .milliseconds(300))
            let probe = Task { () -> Duration in
                var sum = 0
                for value in 0..<1000 { sum &+= value }
                await Task.yield()
                return ContinuousClock.now - start
            }
            let probeFinished = await probe.value
            var firstBlockerFinished = Duration.seconds(1_000)
            for try await finished in group { firstBlockerFinished = min(firstBlockerFinished, finished) }
            #expect(probeFinished < firstBlockerFinished)
            #expect(probeFinished < .seconds(1))
        }
        await client.shutdown()
    }
}
