import Foundation
import JobQueue

/// When a failed delivery is tried again: exponential backoff with jitter, with a last attempt at
/// the horizon's end; after that a failure makes it dead.
public struct WebhookRetrySchedule: Sendable {
    /// The backoff between attempts.
    public var policy: RetryPolicy
    /// How long after `retryingSince` a delivery is still retried.
    public var horizon: Duration

    /// Creates a schedule.
    public init(policy: RetryPolicy, horizon: Duration) {
        self.policy = policy
        self.horizon = horizon
    }

    /// The next attempt after failed attempt number `attempt` (1-based) at `now`, or nil: dead.
    /// `unit` in `0...1` is the jitter.
    public func nextAttempt(afterAttempt attempt: Int, retryingSince: Date, now: Date, unit: Double) -> Date? {
        let deadline = retryingSince.addingTimeInterval(horizon.timeInterval)
        guard now < deadline else { return nil }
        let next = now.addingTimeInterval(policy.delay(afterAttempt: attempt, unit: unit).timeInterval)
        return min(next, deadline)
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (whole, fraction) = components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}
