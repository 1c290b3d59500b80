/// The decision for one message (SPEC rule 9): sync it as planned, or skip it for a reason.
public enum SyncDecision: Sendable, Hashable {
    /// Sync the message as the plan says.
    case sync(SyncPlan)
    /// Do not sync it; store the reason with the message's ids.
    case skip(SkipReason)

    /// The plan, when the message syncs.
    public var plan: SyncPlan? {
        if case .sync(let plan) = self { plan } else { nil }
    }

    /// The reason, when the message is skipped.
    public var skipReason: SkipReason? {
        if case .skip(let reason) = self { reason } else { nil }
    }
}
