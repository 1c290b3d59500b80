import Foundation

/// A change notification Graph posted for a subscription, after its `clientState` checked out
/// (https://learn.microsoft.com/graph/api/resources/changenotification).
public struct GraphChangeNotification: Sendable, Hashable {
    /// The subscription it belongs to; the routing lookup maps it to the mailbox.
    public var subscriptionID: String
    /// `created`, `updated` or `deleted`.
    public var changeType: String
    /// The changed resource, e.g. `Users/{id}/Messages/{message-id}`.
    public var resource: String
    /// The message id from `resourceData.id`, when present (immutable: the subscription was created
    /// with `Prefer: IdType="ImmutableId"`).
    public var messageID: String?
    /// The tenant of the mailbox, when present.
    public var tenantID: String?
    /// When the subscription expires, as Graph reported it.
    public var subscriptionExpiresAt: Date?

    /// Creates a notification.
    public init(
        subscriptionID: String, changeType: String, resource: String, messageID: String?, tenantID: String?,
        subscriptionExpiresAt: Date?
    ) {
        self.subscriptionID = subscriptionID
        self.changeType = changeType
        self.resource = resource
        self.messageID = messageID
        self.tenantID = tenantID
        self.subscriptionExpiresAt = subscriptionExpiresAt
    }
}
