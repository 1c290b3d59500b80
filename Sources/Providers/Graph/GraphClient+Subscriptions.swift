import Foundation

extension GraphClient {
    /// The resource every subscription watches: all of the mailbox's messages, so moves, sends and
    /// deletions in any folder wake a sync.
    static let subscriptionResource = "/me/messages"

    /// `POST /subscriptions` for created, updated and deleted messages, with the target's
    /// `clientState`, and lifecycle notifications (`reauthorizationRequired`,
    /// `subscriptionRemoved`, `missed`) to the target's lifecycle URL, or to the notification URL,
    /// which Graph allows
    /// (https://learn.microsoft.com/graph/api/subscription-post-subscriptions,
    /// https://learn.microsoft.com/graph/change-notifications-lifecycle-events). Graph validates
    /// the URL first (it must echo `validationToken`) and refuses the subscription otherwise
    /// (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation).
    public func startPush(_ target: PushTarget, access: MailboxAccess) async throws -> PushSubscription {
        guard let url = target.notificationURL, let clientState = target.clientState else {
            throw ProviderError(.permanent, providerCode: "pushTargetIncomplete")
        }
        let request = GraphSubscriptionResource(
            resource: Self.subscriptionResource, changeType: "created,updated,deleted", notificationUrl: url,
            lifecycleNotificationUrl: target.lifecycleNotificationURL ?? url,
            expirationDateTime: GraphDate.format(subscriptionExpiry()),
            clientState: clientState)
        let created = try await http.json(
            GraphSubscriptionResource.self,
            GraphRequest(.POST, GraphURL.make(configuration.graphURL, ["subscriptions"]), body: try json(request)),
            access: access)
        guard let id = created.id else { throw ProviderError(.permanent, providerCode: "invalidResponse") }
        return PushSubscription(ids: [id], expiresAt: expiry(of: created), cursor: nil)
    }

    /// `PATCH /subscriptions/{id}` with a new `expirationDateTime`, within the configured maximum
    /// lifetime (https://learn.microsoft.com/graph/api/subscription-update); renewing also answers
    /// `reauthorizationRequired`. A subscription Graph removed is created again.
    public func renewPush(_ subscription: PushSubscription, target: PushTarget, access: MailboxAccess) async throws
        -> PushSubscription
    {
        let body = try json(GraphSubscriptionResource(expirationDateTime: GraphDate.format(subscriptionExpiry())))
        var renewed = [GraphSubscriptionResource]()
        for id in subscription.ids {
            do {
                renewed.append(
                    try await http.json(
                        GraphSubscriptionResource.self,
                        GraphRequest(.PATCH, GraphURL.make(configuration.graphURL, ["subscriptions", id]), body: body),
                        access: access))
            } catch let error as ProviderError where error.code == .notFound {
                try await stopPush(subscription, access: access)
                return try await startPush(target, access: access)
            }
        }
        let expiresAt = renewed.map(expiry(of:)).min() ?? subscription.expiresAt
        return PushSubscription(ids: subscription.ids, expiresAt: expiresAt, cursor: nil)
    }

    /// `DELETE /subscriptions/{id}`; one already gone is fine
    /// (https://learn.microsoft.com/graph/api/subscription-delete).
    public func stopPush(_ subscription: PushSubscription, access: MailboxAccess) async throws {
        for id in subscription.ids {
            do {
                _ = try await http.send(
                    GraphRequest(.DELETE, GraphURL.make(configuration.graphURL, ["subscriptions", id])), access: access)
            } catch let error as ProviderError where error.code == .notFound {
                continue
            }
        }
    }

    /// A minute inside the configured maximum lifetime, so clock skew never makes Graph refuse it.
    private func subscriptionExpiry() -> Date {
        now().addingTimeInterval(TimeInterval(configuration.subscriptionMaxMinutes * 60 - 60))
    }

    private func expiry(of subscription: GraphSubscriptionResource) -> Date {
        GraphDate.parse(subscription.expirationDateTime) ?? subscriptionExpiry()
    }
}
