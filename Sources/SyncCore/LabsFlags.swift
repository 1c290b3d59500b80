/// A sub-account's opt-in ("Labs") features; all off by default.
public struct LabsFlags: Sendable, Hashable {
    /// Outlook connections sync by rules 2-4 (known contacts, BCC), not only CRM-initiated threads (SPEC rule 5).
    public var outlookTwoWaySync: Bool

    /// Creates a set of flags, all off unless given.
    public init(outlookTwoWaySync: Bool = false) {
        self.outlookTwoWaySync = outlookTwoWaySync
    }
}
