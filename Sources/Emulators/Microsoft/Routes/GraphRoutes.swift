import Foundation

/// Microsoft Graph v1.0 under `/v1.0`: the mail, folder, delta, send, attachment and subscription
/// calls the service makes, answering with Graph's JSON (`@odata.*` annotations, `emailAddress`
/// recipients, ISO 8601 UTC dates, immutable or REST ids as the request prefers).
///
/// Every request is authenticated by its bearer token, counted (concurrency per mailbox), and run
/// through the mailbox's injected faults first.
struct GraphRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to table: inout MicrosoftRouteTable) {
        addMailboxRoutes(to: &table)
        addSendingRoutes(to: &table)
        addSubscriptionRoutes(to: &table)
    }

    /// Registers one Graph route under `/v1.0`.
    func route(
        _ table: inout MicrosoftRouteTable, _ method: String, _ path: String,
        _ handler: @escaping @Sendable (GraphCall) async throws -> MicrosoftEmulatorResponse
    ) {
        table.add(method, "v1.0/" + path) { request, parameters in
            await handle(request, parameters: parameters, handler)
        }
    }

    private func handle(
        _ request: MicrosoftEmulatorRequest, parameters: [String: String],
        _ handler: @Sendable (GraphCall) async throws -> MicrosoftEmulatorResponse
    ) async -> MicrosoftEmulatorResponse {
        let grant: MicrosoftTokenGrant
        do {
            grant = try await state.grant(forBearer: request.header("Authorization"))
        } catch let failure as GraphFailure {
            return MicrosoftHTTP.failure(failure)
        } catch {
            return MicrosoftHTTP.failure(GraphFailure(401, "InvalidAuthenticationToken", "Access token is empty."))
        }
        let call = GraphCall(request: request, accountID: grant.accountID, scopes: grant.scopes, parameters: parameters)
        await state.begin(grant.accountID, immutableIDs: call.immutableIDs)
        let response: MicrosoftEmulatorResponse
        do {
            let delay = try await state.checkFaults(grant.accountID, path: request.path)
            if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
            guard request.body.count <= state.configuration.maxRequestBytes else {
                throw GraphFailure(
                    413, "RequestEntityTooLarge",
                    "The request body exceeds the maximum size of \(state.configuration.maxRequestBytes) bytes.")
            }
            response = try await handler(call)
        } catch let failure as GraphFailure {
            response = MicrosoftHTTP.failure(failure)
        } catch let error as MicrosoftEmulatorError {
            response = MicrosoftHTTP.failure(
                error.code == .invalidMessage
                    ? GraphFailure.badRequest("Invalid MIME content.", code: "ErrorMimeContentInvalid")
                    : GraphFailure.notFound())
        } catch {
            response = MicrosoftHTTP.failure(GraphFailure(500, "UnknownError", "An internal server error occurred."))
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
