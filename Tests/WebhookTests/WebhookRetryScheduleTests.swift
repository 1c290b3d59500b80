import Foundation
import JobQueue
import Testing
import Webhooks

@Suite struct WebhookRetryScheduleTests {
    let schedule = WebhookRetrySchedule(
        policy: RetryPolicy(base: .seconds(10), cap: .seconds(3600)), horizon: .seconds(86_400))
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func backoffGrowsExponentiallyWithinItsJitter() throws {
        let first = try #require(schedule.nextAttempt(afterAttempt: 1, retryingSince: start, now: start, unit: 1))
        let fourth = try #require(schedule.nextAttempt(afterAttempt: 4, retryingSince: start, now: start, unit: 1))
        let low = try #require(schedule.nextAttempt(afterAttempt: 4, retryingSince: start, now: start, unit: 0))
        #expect(first.timeIntervalSince(start) == 10)
        #expect(fourth.timeIntervalSince(start) == 80)
        #expect(low.timeIntervalSince(start) == 40)
    }

    @Test func lastAttemptFallsOnTheHorizonAndAFailureAfterItIsDead() throws {
        let late = start.addingTimeInterval(86_400 - 60)
        let last = try #require(schedule.nextAttempt(afterAttempt: 30, retryingSince: start, now: late, unit: 1))
        #expect(last == start.addingTimeInterval(86_400))
        #expect(schedule.nextAttempt(afterAttempt: 31, retryingSince: start, now: last, unit: 1) == nil)
    }
}
