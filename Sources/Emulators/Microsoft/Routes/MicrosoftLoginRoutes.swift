import Foundation
import Hummingbird

/// The Microsoft identity platform's v2 endpoints under `/{tenant}/oauth2/v2.0/`: the consent page
/// and the token endpoint
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow).
struct LoginRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to router: Router<some RequestContext>) {
        // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
        router.get(":tenant/oauth2/v2.0/authorize") { request, _ in
            let fields = request.uri.queryParameters.reduce(into: [String: String]()) {
                $0[String($1.key)] = String($1.value)
            }
            return await answer(
                await state.authorize(AuthorizeParameters(fields)), parameters: AuthorizeParameters(fields),
                request: request)
        }
        // The consent form posts back here.
        router.post(":tenant/oauth2/v2.0/authorize") { request, _ in
            let form = EmulatorHTTP.form(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
            let parameters = AuthorizeParameters(form)
            let scopes = form.filter { $0.key.hasPrefix("scope_") }.sorted { $0.key < $1.key }.map(\.value)
            let location = await state.decide(
                parameters, accountID: form["account"], scopes: scopes, approved: form["action"] == "accept")
            return EmulatorHTTP.empty(.found, headers: [.location: location])
        }
        // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
        router.post(":tenant/oauth2/v2.0/token") { request, _ in
            let form = EmulatorHTTP.form(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
            let (status, body) = await state.token(form)
            return EmulatorHTTP.bytes(
                body, status: HTTPResponse.Status(code: status), contentType: "application/json; charset=utf-8")
        }
    }

    private func answer(_ decision: AuthorizeDecision, parameters: AuthorizeParameters, request: Request) async
        -> Response
    {
        switch decision {
        case .redirect(let location):
            return EmulatorHTTP.empty(.found, headers: [.location: location])
        case .errorPage(let message):
            return EmulatorHTTP.bytes(
                Array(page(title: "Sign in", body: "<p>\(EmulatorHTTP.htmlEscaped(message))</p>").utf8),
                status: .badRequest,
                contentType: "text/html; charset=utf-8")
        case .consentPage(let accounts):
            return EmulatorHTTP.bytes(
                Array(consentPage(parameters, accounts: accounts, action: request.uri.path).utf8),
                contentType: "text/html; charset=utf-8")
        }
    }

    /// A plain form: the account, a checkbox per requested scope, Accept and Cancel.
    private func consentPage(_ parameters: AuthorizeParameters, accounts: [MicrosoftEmulatorAccount], action: String)
        -> String
    {
        var html = "<form method=\"post\" action=\"\(EmulatorHTTP.htmlEscaped(action))\">\n"
        for (name, value) in parameters.fields.sorted(by: { $0.key < $1.key }) where name != "scope" {
            html += "<input type=\"hidden\" name=\"\(name)\" value=\"\(EmulatorHTTP.htmlEscaped(value))\">\n"
        }
        html += "<p><label>Account <select name=\"account\">"
        for account in accounts {
            let selected = account.address.lowercased() == parameters.loginHint?.lowercased() ? " selected" : ""
            html += "<option value=\"\(account.id)\"\(selected)>\(EmulatorHTTP.htmlEscaped(account.address))</option>"
        }
        html += "</select></label></p>\n<p>This app would like to:</p>\n"
        for (index, scope) in parameters.scopes.enumerated() {
            let value = EmulatorHTTP.htmlEscaped(scope)
            html +=
                "<p><label><input type=\"checkbox\" name=\"scope_\(String(format: "%03d", index))\" value=\"\(value)\" checked> \(value)</label></p>\n"
        }
        html +=
            "<button name=\"action\" value=\"accept\">Accept</button> <button name=\"action\" value=\"cancel\">Cancel</button>\n</form>"
        return page(title: "Permissions requested", body: html)
    }

    private func page(title: String, body: String) -> String {
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1>\n\(body)\n</body></html>"
    }
}
