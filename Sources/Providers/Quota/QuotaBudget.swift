import Foundation

/// A mailbox's provider quota as a token bucket (Gmail: 15,000 units per user per minute,
/// refilled continuously). A value type whose `spend` returns what to do; `QuotaLedger` performs
/// it. https://developers.google.com/workspace/gmail/api/reference/quota
public struct QuotaBudget: Sendable, Hashable {
    /// What the caller of `spend` must do.
    public enum Decision: Sendable, Hashable {
        /// The units are spent; make the call.
        case proceed
        /// Not enough units (or the provider asked for a pause): try again after this long.
        case wait(TimeInterval)
    }

    /// The most units the bucket holds.
    public let capacity: Double
    /// Units added per second.
    public let refillPerSecond: Double
    private var available: Double
    private var updatedAt: Date?
    private var pausedUntil: Date?

    /// A full bucket of `capacity` units that refills `capacity` every `window` seconds.
    public init(capacity: Int, window: TimeInterval) {
        self.capacity = Double(capacity)
        refillPerSecond = Double(capacity) / window
        available = Double(capacity)
    }

    /// Gmail's per-user limit: 15,000 units per minute.
    public static let gmailPerUser = QuotaBudget(capacity: 15_000, window: 60)

    /// Spends `units` at `now` if the bucket holds them; otherwise says how long to wait (nothing
    /// is reserved meanwhile). A call costing more than the capacity waits for a full bucket.
    public mutating func spend(_ units: Int, at now: Date) -> Decision {
        refill(at: now)
        if let pausedUntil, pausedUntil > now {
            return .wait(pausedUntil.timeIntervalSince(now))
        }
        let cost = min(Double(units), capacity)
        if available >= cost {
            available -= cost
            return .proceed
        }
        return .wait((cost - available) / refillPerSecond)
    }

    /// Stops spending until `date`, because the provider answered 429 with `Retry-After`; the
    /// bucket is emptied, as the provider evidently counts more than we did.
    public mutating func pause(until date: Date, at now: Date) {
        refill(at: now)
        available = 0
        pausedUntil = max(pausedUntil ?? date, date)
    }

    /// The units available at `now`.
    public func available(at now: Date) -> Double {
        var copy = self
        copy.refill(at: now)
        return copy.available
    }

    private mutating func refill(at now: Date) {
        if let updatedAt, now > updatedAt {
            available = min(capacity, available + now.timeIntervalSince(updatedAt) * refillPerSecond)
        }
        if updatedAt.map({ now > $0 }) ?? true { updatedAt = now }
    }
}
