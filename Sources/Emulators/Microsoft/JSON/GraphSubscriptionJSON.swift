/// A subscription as Graph renders it (https://learn.microsoft.com/graph/api/resources/subscription).
struct GraphSubscriptionJSON: Encodable, Sendable {
    var context: String
    var id: String
    var resource: String
    var applicationId: String
    var changeType: String
    var clientState: String?
    var notificationUrl: String
    var lifecycleNotificationUrl: String?
    var expirationDateTime: String
    var creatorId: String
    var includeResourceData = false
    var latestSupportedTlsVersion = "v1_2"

    enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case id, resource, applicationId, changeType, clientState, notificationUrl, lifecycleNotificationUrl
        case expirationDateTime, creatorId, includeResourceData, latestSupportedTlsVersion
    }

    init(_ subscription: MicrosoftEmulatorSubscription, origin: String, applicationID: String) {
        context = "\(origin)/v1.0/$metadata#subscriptions/$entity"
        id = subscription.id
        resource = subscription.resource
        applicationId = applicationID
        changeType = subscription.changeType
        clientState = subscription.clientState
        notificationUrl = subscription.notificationURL
        lifecycleNotificationUrl = subscription.lifecycleNotificationURL
        expirationDateTime = GraphDateText.isoSevenDigits(subscription.expiresAt)
        creatorId = subscription.accountID
    }
}
