import Foundation
import Hummingbird

extension GraphRoutes {
    func addSubscriptionRoutes(to router: Router<some RequestContext>) {
        // https://learn.microsoft.com/graph/api/subscription-post-subscriptions
        route(router, .post, "subscriptions") { call in
            try call.require("Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic")
            let body = try call.decode(SubscriptionBody.self)
            guard let notificationURL = body.notificationUrl, let resource = body.resource,
                let changeType = body.changeType,
                let expiration = body.expirationDateTime.flatMap(EmulatorDate.parse)
            else {
                throw GraphFailure.badRequest("Subscription is missing a required property.", code: "InvalidRequest")
            }
            let subscription = try await state.createSubscription(
                accountID: call.accountID, resource: resource, changeType: changeType, notificationURL: notificationURL,
                lifecycleNotificationURL: body.lifecycleNotificationUrl, clientState: body.clientState,
                expiresAt: expiration,
                immutableIDs: call.immutableIDs)
            return EmulatorHTTP.json(json(subscription, call), status: .created)
        }
        // https://learn.microsoft.com/graph/api/subscription-get
        route(router, .get, "subscriptions/:id") { call in
            EmulatorHTTP.json(json(try await state.subscription(call.parameter("id"), accountID: call.accountID), call))
        }
        // https://learn.microsoft.com/graph/api/subscription-update
        route(router, .patch, "subscriptions/:id") { call in
            guard let expiration = try call.decode(SubscriptionBody.self).expirationDateTime.flatMap(EmulatorDate.parse)
            else {
                throw GraphFailure.badRequest("expirationDateTime is required.", code: "InvalidRequest")
            }
            let renewed = try await state.renewSubscription(
                call.parameter("id"), accountID: call.accountID, expiresAt: expiration)
            return EmulatorHTTP.json(json(renewed, call))
        }
        // https://learn.microsoft.com/graph/api/subscription-delete
        route(router, .delete, "subscriptions/:id") { call in
            try await state.deleteSubscription(call.parameter("id"), accountID: call.accountID)
            return EmulatorHTTP.empty(.noContent)
        }
        // https://learn.microsoft.com/graph/api/subscription-reauthorize
        route(router, .post, "subscriptions/:id/reauthorize") { call in
            _ = try await state.subscription(call.parameter("id"), accountID: call.accountID)
            return EmulatorHTTP.empty(.noContent)
        }
    }

    private func json(_ subscription: MicrosoftEmulatorSubscription, _ call: GraphCall) -> SubscriptionJSON {
        SubscriptionJSON(subscription, origin: call.origin, applicationID: state.configuration.clientID)
    }
}

/// The subscription properties a create or update sends.
private struct SubscriptionBody: Decodable {
    var changeType: String?
    var notificationUrl: String?
    var lifecycleNotificationUrl: String?
    var resource: String?
    var expirationDateTime: String?
    var clientState: String?
}
