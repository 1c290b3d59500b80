import Foundation

extension MicrosoftEmulatorState {
    /// Creates a subscription after the validation handshake with its URLs; Graph refuses it with
    /// 400 when a URL does not echo the token in time
    /// (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation).
    func createSubscription(
        accountID: String, resource: String, changeType: String, notificationURL: String,
        lifecycleNotificationURL: String?, clientState: String?, expiresAt: Date, immutableIDs: Bool
    ) async throws -> MicrosoftEmulatorSubscription {
        let allowed: Set = ["created", "updated", "deleted"]
        let kinds = changeType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !kinds.isEmpty, kinds.allSatisfy(allowed.contains) else {
            throw GraphFailure.badRequest("Invalid 'changeType' attribute: '\(changeType)'.", code: "ExtensionError")
        }
        guard resource.lowercased().hasSuffix("messages") else {
            throw GraphFailure.badRequest("Resource '\(resource)' is not supported.", code: "ExtensionError")
        }
        guard (clientState?.count ?? 0) <= 128 else {
            throw GraphFailure.badRequest("clientState must be at most 128 characters.", code: "ExtensionError")
        }
        let longest = Date().addingTimeInterval(TimeInterval(configuration.maxSubscriptionMinutes * 60))
        guard expiresAt > Date(), expiresAt <= longest else {
            throw GraphFailure.badRequest(
                "Subscription expiration can only be \(configuration.maxSubscriptionMinutes) minutes in the future.",
                code: "InvalidRequest")
        }
        var urls = [notificationURL]
        if let lifecycleNotificationURL, lifecycleNotificationURL != notificationURL {
            urls.append(lifecycleNotificationURL)
        }
        for url in urls {
            if let failure = await outbox.validate(url) {
                throw GraphFailure.badRequest(failure, code: "InvalidRequest")
            }
        }
        let subscription = MicrosoftEmulatorSubscription(
            id: UUID().uuidString.lowercased(), accountID: accountID, resource: resource,
            changeType: kinds.joined(separator: ","),
            notificationURL: notificationURL, lifecycleNotificationURL: lifecycleNotificationURL,
            clientState: clientState,
            expiresAt: expiresAt, usesImmutableIDs: immutableIDs)
        subscriptions[subscription.id] = subscription
        return subscription
    }

    /// Extends a subscription of the mailbox (`PATCH /subscriptions/{id}`).
    func renewSubscription(_ id: String, accountID: String, expiresAt: Date) throws -> MicrosoftEmulatorSubscription {
        guard var subscription = subscriptions[id], subscription.accountID == accountID else {
            throw GraphFailure(404, "ResourceNotFound", "The object was not found.")
        }
        let longest = Date().addingTimeInterval(TimeInterval(configuration.maxSubscriptionMinutes * 60))
        guard expiresAt > Date(), expiresAt <= longest else {
            throw GraphFailure.badRequest(
                "Subscription expiration can only be \(configuration.maxSubscriptionMinutes) minutes in the future.",
                code: "InvalidRequest")
        }
        subscription.expiresAt = expiresAt
        subscriptions[id] = subscription
        return subscription
    }

    /// Deletes a subscription of the mailbox (`DELETE /subscriptions/{id}`).
    func deleteSubscription(_ id: String, accountID: String) throws {
        guard let subscription = subscriptions[id], subscription.accountID == accountID else {
            throw GraphFailure(404, "ResourceNotFound", "The object was not found.")
        }
        subscriptions[id] = nil
    }

    /// A subscription of the mailbox (`GET /subscriptions/{id}`).
    func subscription(_ id: String, accountID: String) throws -> MicrosoftEmulatorSubscription {
        guard let subscription = subscriptions[id], subscription.accountID == accountID else {
            throw GraphFailure(404, "ResourceNotFound", "The object was not found.")
        }
        return subscription
    }
}
