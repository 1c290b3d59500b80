import Foundation
import Hummingbird

/// Microsoft Graph v1.0 under `/v1.0`: the mail, folder, delta, send, attachment and subscription
/// calls the service makes, answering with Graph's JSON (`@odata.*` annotations, `emailAddress`
/// recipients, ISO 8601 UTC dates, immutable or REST ids as the request prefers).
///
/// Every request is authenticated by its bearer token, counted (concurrency per mailbox), and run
/// through the mailbox's injected faults first.
struct GraphRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to router: Router<some RequestContext>) {
        addMailboxRoutes(to: router)
        addSendingRoutes(to: router)
        addSubscriptionRoutes(to: router)
    }

    /// Registers one Graph route under `/v1.0`.
    func route(
        _ router: Router<some RequestContext>, _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (GraphCall) async throws -> Response
    ) {
        router.on(RouterPath("v1.0/" + path), method: method) { request, context in
            var parameters = [String: String]()
            for (key, value) in context.parameters { parameters[String(key)] = String(value) }
            return await handle(request, parameters: parameters, handler)
        }
    }

    private func handle(
        _ request: Request, parameters: [String: String], _ handler: @Sendable (GraphCall) async throws -> Response
    ) async -> Response {
        let grant: TokenGrant
        do {
            grant = try await state.grant(forBearer: request.headers[.authorization])
        } catch let failure as GraphFailure {
            return EmulatorHTTP.failure(failure)
        } catch {
            return EmulatorHTTP.failure(GraphFailure(401, "InvalidAuthenticationToken", "Access token is empty."))
        }
        let immutableIDs = EmulatorHTTP.preferences(request).contains(GraphCall.immutableIDPreference)
        await state.begin(grant.accountID, immutableIDs: immutableIDs)
        let response: Response
        do {
            let delay = try await state.checkFaults(grant.accountID)
            if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
            let body = try await EmulatorHTTP.body(request, limit: state.configuration.maxRequestBytes)
            let query = request.uri.queryParameters.reduce(into: [String: String]()) {
                $0[String($1.key)] = String($1.value)
            }
            let call = GraphCall(
                request: request, accountID: grant.accountID, scopes: grant.scopes, body: body,
                origin: EmulatorHTTP.origin(request), parameters: parameters, query: query)
            response = try await handler(call)
        } catch let failure as GraphFailure {
            response = EmulatorHTTP.failure(failure)
        } catch let error as MicrosoftEmulatorError {
            response = EmulatorHTTP.failure(
                error.code == .invalidMessage
                    ? GraphFailure.badRequest("Invalid MIME content.", code: "ErrorMimeContentInvalid")
                    : GraphFailure.notFound())
        } catch {
            response = EmulatorHTTP.failure(GraphFailure(500, "UnknownError", "An internal server error occurred."))
        }
        await state.end(grant.accountID)
        return response
    }

    /// `{origin}/v1.0/{path}?{query}` with the values percent-encoded.
    static func link(_ call: GraphCall, _ path: String, _ query: [(String, String)]) -> String {
        let encoded = query.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }
        return "\(call.origin)/v1.0/\(path)" + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
    }
}
