import Foundation
import Hummingbird
import Store
import SyncCore

/// `/v1/webhook-endpoints`: where an agency's events are POSTed. The signing secret is generated
/// here and shown only in the answers of create and `rotate-secret`; an endpoint's deliveries can
/// be listed by state, and a dead one put back with `redeliver`.
struct WebhookEndpointController {
    let store: Store

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("webhook-endpoints", use: create)
        group.get("webhook-endpoints", use: list)
        group.get("webhook-endpoints/:endpointID", use: get)
        group.patch("webhook-endpoints/:endpointID", use: update)
        group.delete("webhook-endpoints/:endpointID", use: delete)
        group.post("webhook-endpoints/:endpointID/rotate-secret", use: rotateSecret)
        group.get("webhook-endpoints/:endpointID/deliveries", use: deliveries)
        group.post("webhook-endpoints/:endpointID/deliveries/:eventID/redeliver", use: redeliver)
    }

    struct CreateBody: ValidatedBody {
        var url: String
        var enabled: Bool?
        var eventTypes: [String]?
        func validate() -> [ProblemDetails.InvalidParam] {
            WebhookFieldRules.url(url, "url") + WebhookFieldRules.eventTypes(eventTypes, "eventTypes")
        }
    }

    /// Absent fields stay; `"eventTypes": null` accepts every type again.
    struct UpdateBody: ValidatedBody {
        var url: String?
        var enabled: Bool?
        var eventTypes: [String]??

        private enum CodingKeys: String, CodingKey { case url, enabled, eventTypes }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
            if container.contains(.eventTypes) {
                eventTypes = .some(
                    try container.decodeNil(forKey: .eventTypes)
                        ? nil : try container.decode([String].self, forKey: .eventTypes))
            }
        }

        func validate() -> [ProblemDetails.InvalidParam] {
            (url.map { WebhookFieldRules.url($0, "url") } ?? [])
                + WebhookFieldRules.eventTypes(eventTypes ?? nil, "eventTypes")
        }
    }

    @Sendable func create(_ request: Request, context: MailSyncRequestContext) async throws
        -> EditedResponse<WebhookEndpointResponse>
    {
        let agencyID = try TenantAccess.agency(context)
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let (endpoint, secret) = try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.webhookEndpoints.create(
                url: body.url, isEnabled: body.enabled ?? true,
                eventTypes: body.eventTypes.map(WebhookFieldRules.unique))
        }
        return EditedResponse(status: .created, response: WebhookEndpointResponse(endpoint, secret: secret.value))
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<
        WebhookEndpointResponse
    > {
        let page = try PageRequest(request)
        let agencyID = try TenantAccess.agency(context)
        let endpoints = try await store.withTenant(.agency(agencyID)) { tx in try await tx.webhookEndpoints.list() }
        return page.slice(endpoints.map { WebhookEndpointResponse($0) }, id: \.id)
    }

    @Sendable func get(_ request: Request, context: MailSyncRequestContext) async throws -> WebhookEndpointResponse {
        let (agencyID, id) = try Self.endpoint(context)
        guard
            let endpoint = try await store.withTenant(
                .agency(agencyID), { tx in try await tx.webhookEndpoints.get(id) })
        else { throw Problems.notFound("webhook endpoint") }
        return WebhookEndpointResponse(endpoint)
    }

    @Sendable func update(_ request: Request, context: MailSyncRequestContext) async throws -> WebhookEndpointResponse {
        let (agencyID, id) = try Self.endpoint(context)
        let body = try await request.decodeJSON(UpdateBody.self, context: context)
        let change = WebhookEndpointChange(
            url: body.url, isEnabled: body.enabled, eventTypes: body.eventTypes.map { $0.map(WebhookFieldRules.unique) }
        )
        guard
            let endpoint = try await store.withTenant(
                .agency(agencyID), { tx in try await tx.webhookEndpoints.update(id, change) })
        else { throw Problems.notFound("webhook endpoint") }
        return WebhookEndpointResponse(endpoint)
    }

    @Sendable func delete(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let (agencyID, id) = try Self.endpoint(context)
        let deleted = try await store.withTenant(.agency(agencyID)) { tx in try await tx.webhookEndpoints.delete(id) }
        guard deleted else { throw Problems.notFound("webhook endpoint") }
        return .noContent
    }

    @Sendable func rotateSecret(_ request: Request, context: MailSyncRequestContext) async throws
        -> WebhookEndpointResponse
    {
        let (agencyID, id) = try Self.endpoint(context)
        guard
            let (endpoint, secret) = try await store.withTenant(
                .agency(agencyID), { tx in try await tx.webhookEndpoints.rotateSecret(id) })
        else { throw Problems.notFound("webhook endpoint") }
        return WebhookEndpointResponse(endpoint, secret: secret.value)
    }

    @Sendable func deliveries(_ request: Request, context: MailSyncRequestContext) async throws
        -> Page<WebhookDeliveryResponse>
    {
        let (agencyID, id) = try Self.endpoint(context)
        let query = try DeliveryQuery(request)
        return try await store.withTenant(.agency(agencyID)) { tx in
            guard try await tx.webhookEndpoints.get(id) != nil else { throw Problems.notFound("webhook endpoint") }
            let found = try await tx.webhookDeliveries.list(
                endpointID: id, state: query.state, beforeEventID: query.beforeEventID, limit: query.limit + 1)
            let items = Array(found.prefix(query.limit))
            return Page(
                items: items.map(WebhookDeliveryResponse.init),
                nextCursor: found.count > query.limit ? items.last.map { String($0.eventID) } : nil)
        }
    }

    @Sendable func redeliver(_ request: Request, context: MailSyncRequestContext) async throws
        -> WebhookDeliveryResponse
    {
        let (agencyID, id) = try Self.endpoint(context)
        guard let eventID = context.parameters.get("eventID").flatMap(Int64.init) else {
            throw Problems.notFound("delivery")
        }
        let delivery = try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.webhookDeliveries.redeliver(endpointID: id, eventID: eventID)
        }
        guard let (delivery, redelivered) = delivery else { throw Problems.notFound("delivery") }
        guard redelivered else {
            throw Problems.conflict("Only a dead delivery can be redelivered; this one is \(delivery.state.rawValue).")
        }
        return WebhookDeliveryResponse(delivery)
    }

    private static func endpoint(_ context: MailSyncRequestContext) throws -> (agencyID: UUID, endpointID: UUID) {
        (try TenantAccess.agency(context), try TenantAccess.uuid(context, "endpointID", what: "webhook endpoint"))
    }

    /// `?state=`, `?limit=` (1-200) and `?cursor=` (the last event id of the previous page).
    private struct DeliveryQuery {
        var state: WebhookDelivery.State?
        var limit = 50
        var beforeEventID: Int64?

        init(_ request: Request) throws {
            let parameters = request.uri.queryParameters
            var problems: [ProblemDetails.InvalidParam] = []
            if let text = parameters["state"].map(String.init) {
                state = WebhookDelivery.State(rawValue: text)
                if state == nil { problems.append(.init(name: "state", reason: "must be pending, delivered or dead")) }
            }
            if let text = parameters["limit"].map(String.init) {
                if let value = Int(text), (1...200).contains(value) {
                    limit = value
                } else {
                    problems.append(.init(name: "limit", reason: "must be an integer from 1 to 200"))
                }
            }
            if let text = parameters["cursor"].map(String.init) {
                beforeEventID = Int64(text)
                if beforeEventID == nil {
                    problems.append(.init(name: "cursor", reason: "must be a cursor from a previous page"))
                }
            }
            guard problems.isEmpty else { throw Problems.invalidBody("Bad query.", fields: problems) }
        }
    }
}
