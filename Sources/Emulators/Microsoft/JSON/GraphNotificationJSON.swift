import Foundation

/// A change notification (https://learn.microsoft.com/graph/api/resources/changenotification) or a
/// lifecycle notification (https://learn.microsoft.com/graph/change-notifications-lifecycle-events),
/// one element of the `{"value": [...]}` a POST carries.
struct GraphNotificationJSON: Encodable, Sendable {
    struct ResourceData: Encodable, Sendable {
        var odataType = "#Microsoft.Graph.Message"
        var odataID: String
        var odataEtag: String
        var id: String

        enum CodingKeys: String, CodingKey {
            case odataType = "@odata.type"
            case odataID = "@odata.id"
            case odataEtag = "@odata.etag"
            case id
        }
    }

    var id: String?
    var subscriptionId: String
    var subscriptionExpirationDateTime: String
    var changeType: String?
    var resource: String?
    var clientState: String?
    var tenantId: String
    var resourceData: ResourceData?
    var lifecycleEvent: String?

    /// A change of one message.
    init(
        change kind: String, messageID: String, etag: String, subscription: MicrosoftEmulatorSubscription,
        tenantID: String
    ) {
        let path = "Users/\(subscription.accountID)/Messages/\(messageID)"
        id = OutlookIDs.random(20)
        subscriptionId = subscription.id
        subscriptionExpirationDateTime = GraphDateText.isoSevenDigits(subscription.expiresAt)
        changeType = kind
        resource = path
        clientState = subscription.clientState
        tenantId = tenantID
        resourceData = ResourceData(odataID: path, odataEtag: "W/\"\(etag)\"", id: messageID)
    }

    /// A lifecycle event of the subscription.
    init(lifecycleEvent event: String, subscription: MicrosoftEmulatorSubscription, tenantID: String) {
        subscriptionId = subscription.id
        subscriptionExpirationDateTime = GraphDateText.isoSevenDigits(subscription.expiresAt)
        clientState = subscription.clientState
        tenantId = tenantID
        lifecycleEvent = event
    }
}
