import Foundation
import Hummingbird
import Store
import Sync
import SyncCore

/// The profile's "Email (2-way sync)" section for the signed-in user (user token): connect a
/// Gmail or Outlook mailbox, see its status, disconnect. The OAuth callback is public: the signed
/// single-use `state` is its authentication.
struct ConnectionController {
    let lifecycle: ConnectionLifecycle

    func addRoutes(to v1: RouterGroup<MailSyncRequestContext>, callback router: Router<MailSyncRequestContext>) {
        v1.post("me/connection/authorize", use: authorize)
        v1.get("me/connection", use: status)
        v1.delete("me/connection", use: disconnect)
        router.get("oauth/callback", use: callback)
    }

    struct AuthorizeBody: ValidatedBody {
        var provider: String
        var returnUrl: String?
        var loginHint: String?

        func validate() -> [ProblemDetails.InvalidParam] {
            var problems = FieldRules.singleLine(loginHint, "loginHint") + FieldRules.singleLine(returnUrl, "returnUrl", maxLength: 2000)
            if SyncCore.ProviderKind(rawValue: provider) == nil {
                problems.append(.init(name: "provider", reason: "must be gmail or microsoft"))
            }
            if let returnUrl, let url = URL(string: returnUrl), !["http", "https"].contains(url.scheme ?? "") {
                problems.append(.init(name: "returnUrl", reason: "must be an http or https URL"))
            }
            return problems
        }
    }

    struct AuthorizeResponse: ResponseEncodable {
        var authorizationUrl: String
    }

    struct StatusResponse: ResponseEncodable {
        var connectionId: UUID
        var provider: String?
        var address: String?
        var status: String
        var lastSyncedAt: Date?
        var lastError: String?
        var lastErrorAt: Date?
        var bccAddress: String
        /// Outlook without the Labs flag syncs only CRM-initiated threads (SPEC rule 5).
        var outlookTwoWaySync: Bool
    }

    struct CallbackResponse: ResponseEncodable {
        var status: String
        var reason: String?
        var message: String?
    }

    private func user(_ context: MailSyncRequestContext) throws -> (TenantScope, UUID) {
        guard case .user(let agencyID, let subAccountID, let userID) = context.principal else {
            throw Problems.forbidden("This route needs a user token: a user manages only their own connection.")
        }
        return (.subAccount(subAccountID, of: agencyID), userID)
    }

    @Sendable func authorize(_ request: Request, context: MailSyncRequestContext) async throws -> AuthorizeResponse {
        let (scope, userID) = try user(context)
        let body = try await request.decodeJSON(AuthorizeBody.self, context: context)
        let kind = SyncCore.ProviderKind(rawValue: body.provider) ?? .gmail
        do {
            let url = try await lifecycle.authorize(
                scope: scope, userID: userID, provider: kind, returnURL: body.returnUrl, loginHint: body.loginHint)
            return AuthorizeResponse(authorizationUrl: url.absoluteString)
        } catch let error as LifecycleError where error.code == .providerNotConfigured {
            throw Problems.invalidBody("That provider is not configured.", fields: [.init(name: "provider", reason: "is not configured")])
        }
    }

    @Sendable func status(_ request: Request, context: MailSyncRequestContext) async throws -> StatusResponse {
        let (scope, userID) = try user(context)
        guard let status = try await lifecycle.status(scope: scope, userID: userID) else { throw Problems.notFound("connection") }
        return StatusResponse(
            connectionId: status.connection.id, provider: status.mailbox?.provider.rawValue, address: status.mailbox?.address,
            status: status.connection.status.rawValue, lastSyncedAt: status.connection.lastSyncedAt,
            lastError: status.connection.lastError, lastErrorAt: status.connection.lastErrorAt,
            bccAddress: status.subAccount.bccAddress, outlookTwoWaySync: status.subAccount.labs.outlookTwoWaySync)
    }

    @Sendable func disconnect(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let (scope, userID) = try user(context)
        guard try await lifecycle.disconnect(scope: scope, userID: userID) else { throw Problems.notFound("connection") }
        return .noContent
    }

    /// The provider redirects here. With a return URL the user goes back to the CRM's profile
    /// page with `mailsync_status` (and `mailsync_reason`); without one the answer is JSON.
    @Sendable func callback(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let state = query["state"].map(String.init) else {
            throw Problems.invalidBody("The callback has no state.", fields: [.init(name: "state", reason: "is required")])
        }
        let result = try await lifecycle.completeAuthorization(
            state: state, code: query["code"].map(String.init), providerError: query["error"].map(String.init))
        let (status, reason, message): (String, String?, String?) =
            switch result.outcome {
            case .connected: ("connected", nil, nil)
            case .restored: ("restored", nil, nil)
            case .updated: ("updated", nil, nil)
            case .failed(let failure): ("error", failure.code, failure.message)
            }
        if let returnURL = result.returnURL, var components = URLComponents(string: returnURL) {
            components.queryItems = (components.queryItems ?? [])
                + [URLQueryItem(name: "mailsync_status", value: status)]
                + (reason.map { [URLQueryItem(name: "mailsync_reason", value: $0)] } ?? [])
            if let location = components.url?.absoluteString {
                return Response(status: .seeOther, headers: [.location: location])
            }
        }
        let body = try JSONEncoder().encode(CallbackResponse(status: status, reason: reason, message: message))
        return Response(
            status: reason == nil ? .ok : .badRequest, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
