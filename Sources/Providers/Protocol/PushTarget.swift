/// Where push notifications should go, for providers that take it per subscription (Graph).
/// Gmail ignores it: its Pub/Sub topic and push endpoint are configured once.
public struct PushTarget: Sendable, Hashable {
    /// The HTTPS URL the provider posts notifications to.
    public var notificationURL: String?
    /// A secret echoed back in each notification (Graph `clientState`).
    public var clientState: String?
    /// Where Graph posts lifecycle notifications (`reauthorizationRequired`,
    /// `subscriptionRemoved`, `missed`); nil sends them to `notificationURL`.
    public var lifecycleNotificationURL: String?

    /// Creates a target.
    public init(notificationURL: String? = nil, clientState: String? = nil, lifecycleNotificationURL: String? = nil) {
        self.notificationURL = notificationURL
        self.clientState = clientState
        self.lifecycleNotificationURL = lifecycleNotificationURL
    }
}
