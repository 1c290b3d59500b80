import Foundation
import Providers
import Testing

/// The per-mailbox token bucket, driven with explicit times.
@Suite struct QuotaBudgetTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aFullBucketAllowsFifteenThousandUnitsThenAsksToWait() {
        var budget = QuotaBudget.gmailPerUser
        for _ in 0..<150 { #expect(budget.spend(100, at: start) == .proceed) }
        guard case .wait(let seconds) = budget.spend(5, at: start) else {
            Issue.record("expected a wait")
            return
        }
        #expect(abs(seconds - 0.02) < 0.0001)
    }

    @Test func unitsRefillContinuouslyAtTheWindowRate() {
        var budget = QuotaBudget.gmailPerUser
        #expect(budget.spend(15_000, at: start) == .proceed)
        #expect(budget.available(at: start.addingTimeInterval(30)) == 7_500)
        #expect(budget.spend(7_500, at: start.addingTimeInterval(30)) == .proceed)
        #expect(budget.spend(1, at: start.addingTimeInterval(30)) != .proceed)
        #expect(budget.available(at: start.addingTimeInterval(600)) == 15_000)
    }

    @Test func aRetryAfterPausesTheMailboxAndEmptiesTheBucket() {
        var budget = QuotaBudget.gmailPerUser
        budget.pause(until: start.addingTimeInterval(7), at: start)
        #expect(budget.spend(1, at: start.addingTimeInterval(2)) == .wait(5))
        #expect(budget.spend(5, at: start.addingTimeInterval(8)) == .proceed)
        #expect(budget.available(at: start.addingTimeInterval(8)) < 2_000)
    }

    @Test func aCallDearerThanTheCapacityWaitsForAFullBucket() {
        var budget = QuotaBudget(capacity: 100, window: 10)
        #expect(budget.spend(50, at: start) == .proceed)
        #expect(budget.spend(500, at: start) == .wait(5))
    }

    @Test func theLedgerThrowsRateLimitedWhenTheWaitIsLong() async throws {
        let ledger = QuotaLedger(
            prototype: QuotaBudget(capacity: 10, window: 60), longestSleep: 1, now: { [start] in start })
        try await ledger.spend(10, account: "a")
        let error = await #expect(throws: ProviderError.self) { try await ledger.spend(5, account: "a") }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == .seconds(30))
        try await ledger.spend(10, account: "b")
    }
}
