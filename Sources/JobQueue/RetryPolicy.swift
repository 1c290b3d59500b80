/// Exponential backoff with full jitter, capped: attempt n waits a random time in
/// `[base * 2^(n-1) / 2, base * 2^(n-1)]`, never more than `cap`.
public struct RetryPolicy: Sendable, Hashable {
    /// The first retry's upper bound.
    public var base: Duration
    /// The most any retry waits.
    public var cap: Duration

    /// Creates a policy.
    public init(base: Duration = .seconds(2), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// The delay after failed attempt `attempt` (1-based), jittered by `unit` in `0...1`.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let ceiling = min(base * Double(1 << UInt64(min(exponent, 62))), cap)
        let jitter = 0.5 + 0.5 * min(max(unit, 0), 1)
        return ceiling * jitter
    }

    /// The delay after failed attempt `attempt`, with random jitter.
    public func delay(afterAttempt attempt: Int) -> Duration {
        delay(afterAttempt: attempt, unit: Double.random(in: 0...1))
    }
}
