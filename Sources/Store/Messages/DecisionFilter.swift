import Foundation

/// Which of a connection's decisions to list; nil fields do not filter.
public struct DecisionFilter: Sendable, Hashable {
    /// Only this outcome: `synced` or `skipped`.
    public var decision: String?
    /// Only this reason code.
    public var reason: String?
    /// Decided at or after this time.
    public var since: Date?
    /// Decided before this time.
    public var until: Date?

    /// Creates a filter.
    public init(decision: String? = nil, reason: String? = nil, since: Date? = nil, until: Date? = nil) {
        self.decision = decision
        self.reason = reason
        self.since = since
        self.until = until
    }
}
