import Foundation
import Hummingbird
import Store
import SyncCore

/// `/v1/api-keys`: an agency's keys. A new key's token is shown once, in the answer that creates
/// it; rotating is creating a new key and revoking the old one.
struct APIKeyController {
    let store: Store

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("api-keys", use: create)
        group.get("api-keys", use: list)
        group.delete("api-keys/:apiKeyID", use: revoke)
    }

    struct CreateBody: ValidatedBody {
        var name: String
        func validate() -> [ProblemDetails.InvalidParam] { FieldRules.nonEmpty(name, "name") }
    }

    @Sendable func create(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<APIKeyResponse> {
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let agencyID = try TenantAccess.agency(context)
        let (key, token) = try await store.withTenant(.agency(agencyID)) { tx in try await tx.apiKeys.create(name: body.name) }
        return EditedResponse(status: .created, response: APIKeyResponse(key, token: token.value))
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<APIKeyResponse> {
        let page = try PageRequest(request)
        let agencyID = try TenantAccess.agency(context)
        let keys = try await store.withTenant(.agency(agencyID)) { tx in try await tx.apiKeys.list() }
        return page.slice(keys.map { APIKeyResponse($0) }, id: \.id)
    }

    @Sendable func revoke(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let agencyID = try TenantAccess.agency(context)
        let id = try TenantAccess.uuid(context, "apiKeyID", what: "API key")
        let revoked = try await store.withTenant(.agency(agencyID)) { tx in try await tx.apiKeys.revoke(id) }
        guard revoked else { throw Problems.notFound("API key") }
        return .noContent
    }
}
