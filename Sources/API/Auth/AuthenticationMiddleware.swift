import Foundation
import Hummingbird
import Store

/// Reads `Authorization: Bearer <token>` and sets the request's ``Principal``: an agency API key
/// (`msk_...`, looked up by its hash through the routing function) or a user token (`mut_...`,
/// verified by its signature). Anything else answers 401 with problem details.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = MailSyncRequestContext

    let store: Store

    /// Creates the middleware.
    public init(store: Store) {
        self.store = store
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw Problems.unauthorized("Send an agency API key or a user token as `Authorization: Bearer <token>`.")
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        var context = context
        if token.hasPrefix(UserToken.prefix) {
            guard let claims = UserToken.verify(token, keyring: store.keyring), let subAccountID = claims.scope.subAccountID
            else {
                throw Problems.unauthorized("The user token is invalid or has expired.")
            }
            context.principal = .user(agencyID: claims.scope.agencyID, subAccountID: subAccountID, userID: claims.userID)
        } else {
            guard let route = try await store.routing.apiKey(token), !route.isRevoked else {
                throw Problems.unauthorized("The API key is unknown or revoked.")
            }
            context.principal = .agency(agencyID: route.agencyID, apiKeyID: route.apiKeyID)
        }
        return try await next(request, context)
    }
}
