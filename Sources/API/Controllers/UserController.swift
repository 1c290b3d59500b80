import Foundation
import Hummingbird
import Store
import SyncCore

/// `/v1/users` (agency staff) and `/v1/sub-accounts/{id}/members` (who works in a sub-account),
/// plus the short-lived user tokens an agency key issues for a member.
struct UserController {
    let store: Store
    /// How long a user token lives unless the request asks for less.
    static let maximumTokenLifetime: TimeInterval = 12 * 3600

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("users", use: create)
        group.get("users", use: list)
        group.get("sub-accounts/:subAccountID/members", use: members)
        group.put("sub-accounts/:subAccountID/members/:userID", use: addMember)
        group.delete("sub-accounts/:subAccountID/members/:userID", use: removeMember)
        group.post("sub-accounts/:subAccountID/user-tokens", use: issueToken)
        group.get("me", use: me)
    }

    struct CreateBody: ValidatedBody {
        var email: String
        var name: String?
        func validate() -> [ProblemDetails.InvalidParam] {
            FieldRules.email(email, "email") + FieldRules.singleLine(name, "name", maxLength: 200)
        }
    }

    struct TokenBody: ValidatedBody {
        var userId: UUID
        var ttlSeconds: Int?
        func validate() -> [ProblemDetails.InvalidParam] {
            guard let ttlSeconds else { return [] }
            return (60...Int(UserController.maximumTokenLifetime)).contains(ttlSeconds)
                ? [] : [.init(name: "ttlSeconds", reason: "must be from 60 to 43200")]
        }
    }

    struct TokenResponse: ResponseEncodable {
        var token: String
        var expiresAt: Date
    }

    struct MeResponse: ResponseEncodable {
        var agencyId: UUID
        var subAccountId: UUID
        var user: UserResponse
    }

    @Sendable func create(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<UserResponse> {
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let agencyID = try TenantAccess.agency(context)
        let user = try await store.withTenant(.agency(agencyID)) { tx in try await tx.users.create(email: body.email, name: body.name) }
        return EditedResponse(status: .created, response: UserResponse(user))
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<UserResponse> {
        let page = try PageRequest(request)
        let agencyID = try TenantAccess.agency(context)
        let users = try await store.withTenant(.agency(agencyID)) { tx in try await tx.users.list() }
        return page.slice(users.map(UserResponse.init), id: \.id)
    }

    @Sendable func members(_ request: Request, context: MailSyncRequestContext) async throws -> Page<UserResponse> {
        let page = try PageRequest(request)
        let scope = try TenantAccess.subAccount(request, context)
        let users = try await TenantAccess.withSubAccount(store, scope) { tx in try await tx.users.members() }
        return page.slice(users.map(UserResponse.init), id: \.id)
    }

    @Sendable func addMember(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let scope = try TenantAccess.subAccount(request, context)
        let userID = try TenantAccess.uuid(context, "userID", what: "user")
        try await TenantAccess.withSubAccount(store, scope) { tx in
            guard try await tx.users.get(userID) != nil else { throw Problems.notFound("user") }
            try await tx.users.addMembership(userID: userID)
        }
        return .noContent
    }

    @Sendable func removeMember(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let scope = try TenantAccess.subAccount(request, context)
        let userID = try TenantAccess.uuid(context, "userID", what: "user")
        let removed = try await TenantAccess.withSubAccount(store, scope) { tx in try await tx.users.removeMembership(userID: userID) }
        guard removed else { throw Problems.notFound("member") }
        return .noContent
    }

    @Sendable func issueToken(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<TokenResponse> {
        let scope = try TenantAccess.subAccount(request, context)
        let body = try await request.decodeJSON(TokenBody.self, context: context)
        try await TenantAccess.withSubAccount(store, scope) { tx in
            guard try await tx.users.members().contains(where: { $0.id == body.userId }) else {
                throw Problems.notFound("member")
            }
        }
        let lifetime = TimeInterval(body.ttlSeconds ?? 3600)
        let token = UserToken(scope: scope, userID: body.userId, expiresAt: Date().addingTimeInterval(lifetime))
        let text = try token.signed(with: store.keyring)
        return EditedResponse(status: .created, response: TokenResponse(token: text.value, expiresAt: token.expiresAt))
    }

    @Sendable func me(_ request: Request, context: MailSyncRequestContext) async throws -> MeResponse {
        guard case .user(let agencyID, let subAccountID, let userID) = context.principal else {
            throw Problems.forbidden("This route needs a user token.")
        }
        let scope = TenantScope.subAccount(subAccountID, of: agencyID)
        let user = try await store.withTenant(scope) { tx in
            guard let user = try await tx.users.members().first(where: { $0.id == userID }) else {
                throw Problems.unauthorized("The user is no longer a member of this sub-account.")
            }
            return user
        }
        return MeResponse(agencyId: agencyID, subAccountId: subAccountID, user: UserResponse(user))
    }
}
