import Foundation
import JobQueue
import Postgres
import TestSupport
import Testing

/// Serialized: claims take any due job, so tests sharing the suite's database must not overlap.
@Suite(.freshDatabase, .serialized)
struct EnqueueAndClaimTests {
    @Test func uniqueKeyDeduplicatesLiveJobsInAndAcrossBatches() async throws {
        let queue = try await emptyQueue()
        let first = try await queue.enqueue([
            NewJob(kind: "k", fairnessKey: "t1", uniqueKey: "sync:m1"),
            NewJob(kind: "k", fairnessKey: "t1", uniqueKey: "sync:m1"),
            NewJob(kind: "k", fairnessKey: "t1"),
        ])
        #expect(first[0].isNew)
        #expect(!first[1].isNew)
        #expect(first[1].id == first[0].id)
        #expect(first[2].isNew)
        let again = try await queue.enqueue([NewJob(kind: "k", fairnessKey: "t1", uniqueKey: "sync:m1")])
        #expect(again == [EnqueuedJob(id: first[0].id, isNew: false)])
        // Once the live job is finished, the key is free again.
        let claimed = try await queue.claim(limit: 10, owner: "w", lease: .seconds(30))
        try await queue.complete(claimed.map(\.id), owner: "w")
        let later = try await queue.enqueue([NewJob(kind: "k", fairnessKey: "t1", uniqueKey: "sync:m1")])
        #expect(later[0].isNew)
        #expect(later[0].id != first[0].id)
    }

    @Test func claimTakesOneJobPerLaneAndNoneFromABusyLane() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        try await queue.enqueue((0..<4).map { _ in NewJob(kind: "lane", fairnessKey: "lanes", laneKey: "sync:a") }
            + [NewJob(kind: "lane", fairnessKey: "lanes", laneKey: "sync:b")])
        let first = try await queue.claim(limit: 10, owner: "w1", lease: .seconds(30))
        #expect(Set(first.compactMap(\.laneKey)) == ["sync:a", "sync:b"])
        #expect(first.count == 2)
        let whileBusy = try await queue.claim(limit: 10, owner: "w2", lease: .seconds(30))
        #expect(whileBusy.isEmpty)
        try await queue.complete(first.map(\.id), owner: "w1")
        let next = try await queue.claim(limit: 10, owner: "w2", lease: .seconds(30))
        #expect(next.map(\.laneKey) == ["sync:a"])
        try await queue.cancel(fairnessKey: "lanes")
    }

    @Test func oneTenantsHundredThousandJobsDelayAnotherTenantsJobByAtMostOneBatch() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        try await db.query(
            """
            INSERT INTO jobs (kind, fairness_key, run_at)
            SELECT 'bulk', 'big-tenant', now() - interval '1 hour' FROM generate_series(1, 100000)
            """)
        let small = try await queue.enqueue([NewJob(kind: "single", fairnessKey: "small-tenant")])[0]
        let batch = try await queue.claim(limit: 50, owner: "w", lease: .seconds(30))
        #expect(batch.count == 50)
        #expect(batch.contains { $0.id == small.id })
        try await queue.cancel(fairnessKey: "big-tenant")
        try await queue.complete(batch.map(\.id), owner: "w")
    }

    @Test func cancelStopsEveryLiveJobOfALaneOrATenant() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let jobs = try await queue.enqueue([
            NewJob(kind: "c", fairnessKey: "tenant-x", laneKey: "send:m9"),
            NewJob(kind: "c", fairnessKey: "tenant-x", laneKey: "send:m9"),
            NewJob(kind: "c", fairnessKey: "tenant-y"),
            NewJob(kind: "c", fairnessKey: "tenant-y"),
        ])
        #expect(try await queue.cancel(lane: "send:m9") == 2)
        #expect(try await queue.cancel(fairnessKey: "tenant-y") == 2)
        for job in jobs {
            #expect(try await db.jobState(job.id).0 == .cancelled)
        }
    }

    @Test func expiredLeaseIsTakenOverAndCountsAsAnAttempt() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let job = try await queue.enqueue([NewJob(kind: "lease", fairnessKey: "lease-tenant", laneKey: "lease-lane")])[0]
        let claimed = try await queue.claim(limit: 1, owner: "dead-worker", lease: .milliseconds(100))
        #expect(claimed.map(\.id) == [job.id])
        try await eventually("lease expiry") { try await queue.reclaimExpiredLeases() > 0 }
        let retaken = try await queue.claim(limit: 1, owner: "live-worker", lease: .seconds(30))
        #expect(retaken.map(\.id) == [job.id])
        #expect(retaken.first?.attempt == 2)
        // The dead worker's late completion is ignored; the live worker's counts.
        try await queue.complete([job.id], owner: "dead-worker")
        #expect(try await db.jobState(job.id).0 == .running)
        try await queue.complete([job.id], owner: "live-worker")
        #expect(try await db.jobState(job.id).0 == .succeeded)
    }

    @Test func failureSchedulesTheRequestedDelayAndDiesAfterMaxAttempts() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        let job = try await queue.enqueue([NewJob(kind: "f", fairnessKey: "fail-tenant", maxAttempts: 2)])[0]
        _ = try await queue.claim(limit: 1, owner: "w", lease: .seconds(30))
        try await queue.fail(job.id, owner: "w", delay: .seconds(120), error: "rate limited")
        let wait = try await db.query("SELECT extract(epoch FROM run_at - now())::float8 FROM jobs WHERE id = \(job.id)")
            .single().decode(Double.self, at: 0)
        #expect(wait > 110 && wait <= 120)
        #expect(try await queue.claim(limit: 1, owner: "w", lease: .seconds(30)).isEmpty)
        try await db.query("UPDATE jobs SET run_at = now() WHERE id = \(job.id)")
        _ = try await queue.claim(limit: 1, owner: "w", lease: .seconds(30))
        try await queue.fail(job.id, owner: "w", delay: .seconds(1), error: "still failing")
        let (state, attempts) = try await db.jobState(job.id)
        #expect(state == .dead)
        #expect(attempts == 2)
        let lastError = try await db.query("SELECT last_error FROM jobs WHERE id = \(job.id)").single().decode(String.self, at: 0)
        #expect(lastError == "still failing")
    }

    @Test func purgeRemovesOnlyOldFinishedJobs() async throws {
        let queue = try await emptyQueue()
        let db = queue.client
        try await db.query(
            """
            INSERT INTO jobs (kind, fairness_key, state, finished_at) VALUES
              ('old', 'purge-tenant', 'succeeded', now() - interval '2 days'),
              ('new', 'purge-tenant', 'succeeded', now()),
              ('old-dead', 'purge-tenant', 'dead', now() - interval '2 days')
            """)
        #expect(try await queue.purgeFinished() == 1)
        let kinds = try await db.query("SELECT kind FROM jobs WHERE fairness_key = 'purge-tenant' ORDER BY kind").decodeColumn(String.self)
        #expect(kinds == ["new", "old-dead"])
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyWithJitterAndIsCapped() {
        let policy = RetryPolicy(base: .seconds(2), cap: .seconds(60))
        #expect(policy.delay(afterAttempt: 1, unit: 1) == .seconds(2))
        #expect(policy.delay(afterAttempt: 2, unit: 1) == .seconds(4))
        #expect(policy.delay(afterAttempt: 3, unit: 1) == .seconds(8))
        #expect(policy.delay(afterAttempt: 3, unit: 0) == .seconds(4))
        #expect(policy.delay(afterAttempt: 30, unit: 1) == .seconds(60))
        #expect(policy.delay(afterAttempt: 1000, unit: 1) == .seconds(60))
        for attempt in 1...10 {
            let delay = policy.delay(afterAttempt: attempt)
            #expect(delay >= policy.delay(afterAttempt: attempt, unit: 0))
            #expect(delay <= policy.delay(afterAttempt: attempt, unit: 1))
        }
    }
}
