/// What a handler asks the queue to do with its job.
public enum JobOutcome: Sendable, Hashable {
    /// Done: the job succeeded.
    case succeeded
    /// Run again after this delay (a provider's Retry-After, a bounded job's next slice).
    /// Counts as an attempt.
    case retry(after: Duration, reason: String)
    /// Run the next slice of bounded work at once (a long walk cut into jobs of bounded size).
    /// Not counted as an attempt, so a walk of any length finishes; each slice must make progress.
    case again(reason: String)
}

/// Thrown by a handler that wants a specific delay before the next attempt, from deep inside
/// its call stack (a provider's `rateLimited(retryAfter:)`).
public struct RetryLater: Error, Sendable, CustomStringConvertible {
    /// The requested delay.
    public var delay: Duration
    /// Why, in words safe to store (no secrets).
    public var reason: String

    /// Creates the request.
    public init(after delay: Duration, reason: String) {
        self.delay = delay
        self.reason = reason
    }

    public var description: String { "retry in \(delay): \(reason)" }
}
