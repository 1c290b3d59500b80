/// A Graph `subscription` as sent and returned
/// (https://learn.microsoft.com/graph/api/resources/subscription).
struct GraphSubscriptionResource: Codable, Sendable {
    var id: String?
    var resource: String?
    var changeType: String?
    var notificationUrl: String?
    var lifecycleNotificationUrl: String?
    var expirationDateTime: String
    var clientState: String?
}
