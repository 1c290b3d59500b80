import Providers
import Testing

/// The per-mailbox async semaphore.
@Suite struct MailboxRequestLimiterTests {
    /// Starts a call that holds its permit until `gate` opens.
    private func hold(_ limiter: MailboxRequestLimiter, _ mailbox: String, until gate: AsyncStream<Void>) -> Task<
        Void, any Error
    > {
        Task {
            try await limiter.withPermit(for: mailbox) {
                for await _ in gate {}
            }
        }
    }

    private func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not reached in time")
                return
            }
            await Task.yield()
        }
    }

    @Test func fifthCallWaitsUntilOneOfFourFinishes() async throws {
        let limiter = MailboxRequestLimiter(permitsPerMailbox: 4)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let holders = (0..<4).map { _ in hold(limiter, "m", until: gate) }
        try await waitUntil { await limiter.running(for: "m") == 4 }
        let (fifthGate, openFifth) = AsyncStream<Void>.makeStream()
        let fifth = hold(limiter, "m", until: fifthGate)
        try await waitUntil { await limiter.waiting(for: "m") == 1 }
        #expect(await limiter.running(for: "m") == 4)
        open.finish()
        for holder in holders { try await holder.value }
        try await waitUntil { await limiter.running(for: "m") == 1 }
        #expect(await limiter.waiting(for: "m") == 0)
        openFifth.finish()
        try await fifth.value
        #expect(await limiter.running(for: "m") == 0)
    }

    @Test func mailboxesDoNotShareTheirPermits() async throws {
        let limiter = MailboxRequestLimiter(permitsPerMailbox: 1)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let first = hold(limiter, "a", until: gate)
        try await waitUntil { await limiter.running(for: "a") == 1 }
        let value = try await limiter.withPermit(for: "b") { 42 }
        #expect(value == 42)
        open.finish()
        try await first.value
    }

    @Test func cancelledWaiterLeavesTheQueueWithoutAPermit() async throws {
        let limiter = MailboxRequestLimiter(permitsPerMailbox: 1)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let holder = hold(limiter, "m", until: gate)
        try await waitUntil { await limiter.running(for: "m") == 1 }
        let waiter = Task { try await limiter.withPermit(for: "m") { 1 } }
        try await waitUntil { await limiter.waiting(for: "m") == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(await limiter.waiting(for: "m") == 0)
        open.finish()
        try await holder.value
        #expect(await limiter.running(for: "m") == 0)
    }

    @Test func permitIsReturnedWhenTheCallThrows() async throws {
        struct Failure: Error {}
        let limiter = MailboxRequestLimiter(permitsPerMailbox: 1)
        await #expect(throws: Failure.self) { try await limiter.withPermit(for: "m") { throw Failure() } }
        #expect(await limiter.running(for: "m") == 0)
        #expect(try await limiter.withPermit(for: "m") { "ok" } == "ok")
    }
}
