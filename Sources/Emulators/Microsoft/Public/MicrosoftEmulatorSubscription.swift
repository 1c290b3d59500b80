import Foundation

/// A change-notification subscription the emulator holds.
public struct MicrosoftEmulatorSubscription: Sendable, Hashable, Codable {
    /// The subscription id.
    public var id: String
    /// The mailbox it watches.
    public var accountID: String
    /// The watched resource, e.g. `/me/messages`.
    public var resource: String
    /// `created,updated,deleted` or a part of it.
    public var changeType: String
    /// Where change notifications go.
    public var notificationURL: String
    /// Where lifecycle notifications go.
    public var lifecycleNotificationURL: String?
    /// The secret echoed in every notification.
    public var clientState: String?
    /// When it ends unless renewed.
    public var expiresAt: Date
    /// Whether notifications carry immutable ids (created with `Prefer: IdType="ImmutableId"`).
    public var usesImmutableIDs: Bool

    /// Creates a subscription value.
    public init(
        id: String, accountID: String, resource: String, changeType: String, notificationURL: String,
        lifecycleNotificationURL: String?, clientState: String?, expiresAt: Date, usesImmutableIDs: Bool
    ) {
        self.id = id
        self.accountID = accountID
        self.resource = resource
        self.changeType = changeType
        self.notificationURL = notificationURL
        self.lifecycleNotificationURL = lifecycleNotificationURL
        self.clientState = clientState
        self.expiresAt = expiresAt
        self.usesImmutableIDs = usesImmutableIDs
    }
}
