/// A failure the emulator injects into the next Graph requests of one mailbox.
public struct MicrosoftEmulatorFault: Sendable, Hashable, Codable {
    /// The kind of failure.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `429 Too Many Requests` with `Retry-After` (fractional seconds); requests before it passes
        /// are throttled again (https://learn.microsoft.com/graph/throttling).
        case throttle
        /// `503 Service Unavailable` with `Retry-After`.
        case serviceUnavailable
        /// `500` with `UnknownError`.
        case serverError
        /// `401` with `InvalidAuthenticationToken`.
        case unauthorized
        /// Every response (or, with `pathSuffix`, every response to a path ending so) waits
        /// `milliseconds` first (to make concurrency observable, or a message fetch slow).
        case latency
    }

    /// The kind.
    public var kind: Kind
    /// How many requests fail (throttling: how many throttle windows open).
    public var count: Int
    /// The `Retry-After` seconds, for `throttle` and `serviceUnavailable`.
    public var retryAfter: Double?
    /// The delay, for `latency`.
    public var milliseconds: Int?
    /// For `latency`: only requests whose path ends with this (e.g. `/$value`, a message's MIME).
    public var pathSuffix: String?

    /// Creates a fault.
    public init(
        kind: Kind, count: Int = 1, retryAfter: Double? = nil, milliseconds: Int? = nil, pathSuffix: String? = nil
    ) {
        self.kind = kind
        self.count = count
        self.retryAfter = retryAfter
        self.milliseconds = milliseconds
        self.pathSuffix = pathSuffix
    }

    /// `429` with `Retry-After: retryAfter`, `count` times.
    public static func throttle(retryAfter: Double, count: Int = 1) -> Self {
        Self(kind: .throttle, count: count, retryAfter: retryAfter)
    }

    /// `503` with `Retry-After: retryAfter`, `count` times.
    public static func serviceUnavailable(retryAfter: Double, count: Int = 1) -> Self {
        Self(kind: .serviceUnavailable, count: count, retryAfter: retryAfter)
    }

    /// `500`, `count` times.
    public static func serverError(count: Int = 1) -> Self { Self(kind: .serverError, count: count) }

    /// `401`, `count` times.
    public static func unauthorized(count: Int = 1) -> Self { Self(kind: .unauthorized, count: count) }

    /// Every response of the mailbox (or, with `pathSuffix`, to a path ending so) delayed by
    /// `milliseconds` until cleared with 0.
    public static func latency(milliseconds: Int, pathSuffix: String? = nil) -> Self {
        Self(kind: .latency, count: 0, milliseconds: milliseconds, pathSuffix: pathSuffix)
    }
}
