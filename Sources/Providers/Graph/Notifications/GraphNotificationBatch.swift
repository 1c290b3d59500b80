/// What one notification POST held, sorted out by `GraphNotificationVerifier`.
public struct GraphNotificationBatch: Sendable, Hashable {
    /// Change notifications whose `clientState` matched their subscription's.
    public var changes: [GraphChangeNotification]
    /// Lifecycle notifications whose `clientState` matched their subscription's.
    public var lifecycleEvents: [GraphLifecycleNotification]
    /// How many notifications were dropped: unknown subscription or wrong `clientState`.
    public var rejected: Int

    /// Creates a batch.
    public init(changes: [GraphChangeNotification], lifecycleEvents: [GraphLifecycleNotification], rejected: Int) {
        self.changes = changes
        self.lifecycleEvents = lifecycleEvents
        self.rejected = rejected
    }
}
