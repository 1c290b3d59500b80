import Foundation

/// A lifecycle notification about a subscription, after its `clientState` checked out
/// (https://learn.microsoft.com/graph/change-notifications-lifecycle-events).
public struct GraphLifecycleNotification: Sendable, Hashable {
    /// What happened to the subscription.
    public struct Event: Sendable, Hashable, CustomStringConvertible {
        /// Graph's name of the event.
        public let rawValue: String

        /// Wraps a name Graph sent.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Renew (`renewPush`) or reauthorize the subscription, or notifications pause.
        public static let reauthorizationRequired = Event(rawValue: "reauthorizationRequired")
        /// Graph removed the subscription: create it again and sync.
        public static let subscriptionRemoved = Event(rawValue: "subscriptionRemoved")
        /// Some notifications were not delivered: sync the mailbox.
        public static let missed = Event(rawValue: "missed")

        public var description: String { rawValue }
    }

    /// The subscription it is about.
    public var subscriptionID: String
    /// What happened.
    public var event: Event
    /// When the subscription expires, as Graph reported it.
    public var subscriptionExpiresAt: Date?

    /// Creates a notification.
    public init(subscriptionID: String, event: Event, subscriptionExpiresAt: Date?) {
        self.subscriptionID = subscriptionID
        self.event = event
        self.subscriptionExpiresAt = subscriptionExpiresAt
    }
}
