import Foundation

extension GraphRoutes {
    func addSubscriptionRoutes(to table: inout MicrosoftRouteTable) {
        // https://learn.microsoft.com/graph/api/subscription-post-subscriptions
        route(&table, "POST", "subscriptions") { call in
            try call.require("Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic")
            let body = try call.decode(SubscriptionBody.self)
            guard let notificationURL = body.notificationUrl, let resource = body.resource,
                let changeType = body.changeType,
                let expiration = body.expirationDateTime.flatMap(GraphDateText.parse)
            else {
                throw GraphFailure.badRequest("Subscription is missing a required property.", code: "InvalidRequest")
            }
            let subscription = try await state.createSubscription(
                accountID: call.accountID, resource: resource, changeType: changeType, notificationURL: notificationURL,
                lifecycleNotificationURL: body.lifecycleNotificationUrl, clientState: body.clientState,
                expiresAt: expiration,
                immutableIDs: call.immutableIDs)
            return MicrosoftHTTP.json(json(subscription, call), status: 201)
        }
        // https://learn.microsoft.com/graph/api/subscription-get
        route(&table, "GET", "subscriptions/:id") { call in
            MicrosoftHTTP.json(
                json(try await state.subscription(call.parameter("id"), accountID: call.accountID), call))
        }
        // https://learn.microsoft.com/graph/api/subscription-update
        route(&table, "PATCH", "subscriptions/:id") { call in
            guard
                let expiration = try call.decode(SubscriptionBody.self).expirationDateTime.flatMap(GraphDateText.parse)
            else {
                throw GraphFailure.badRequest("expirationDateTime is required.", code: "InvalidRequest")
            }
            let renewed = try await state.renewSubscription(
                call.parameter("id"), accountID: call.accountID, expiresAt: expiration)
            return MicrosoftHTTP.json(json(renewed, call))
        }
        // https://learn.microsoft.com/graph/api/subscription-delete
        route(&table, "DELETE", "subscriptions/:id") { call in
            try await state.deleteSubscription(call.parameter("id"), accountID: call.accountID)
            return MicrosoftHTTP.empty(204)
        }
        // https://learn.microsoft.com/graph/api/subscription-reauthorize
        route(&table, "POST", "subscriptions/:id/reauthorize") { call in
            _ = try await state.subscription(call.parameter("id"), accountID: call.accountID)
            return MicrosoftHTTP.empty(204)
        }
    }

    private func json(_ subscription: MicrosoftEmulatorSubscription, _ call: GraphCall) -> GraphSubscriptionJSON {
        GraphSubscriptionJSON(subscription, origin: call.origin, applicationID: state.configuration.clientID)
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
