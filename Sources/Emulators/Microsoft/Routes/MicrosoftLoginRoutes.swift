import Foundation

/// The Microsoft identity platform's v2 endpoints under `/{tenant}/oauth2/v2.0/`: the consent page
/// and the token endpoint
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow).
struct MicrosoftLoginRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to table: inout MicrosoftRouteTable) {
        // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
        table.add("GET", ":tenant/oauth2/v2.0/authorize") { request, _ in
            let fields = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let parameters = MicrosoftAuthorizeParameters(fields)
            return answer(await state.authorize(parameters), parameters: parameters, request: request)
        }
        // The consent form posts back here.
        table.add("POST", ":tenant/oauth2/v2.0/authorize") { request, _ in
            let form = MicrosoftHTTP.form(request.body)
            let scopes = form.filter { $0.key.hasPrefix("scope_") }.sorted { $0.key < $1.key }.map(\.value)
            let location = await state.decide(
                MicrosoftAuthorizeParameters(form), accountID: form["account"], scopes: scopes,
                approved: form["action"] == "accept")
            return MicrosoftHTTP.redirect(location)
        }
        // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
        table.add("POST", ":tenant/oauth2/v2.0/token") { request, _ in
            let (status, body) = await state.token(MicrosoftHTTP.form(request.body))
            return MicrosoftHTTP.bytes(body, status: status, contentType: "application/json; charset=utf-8")
        }
    }

    private func answer(
        _ decision: MicrosoftAuthorizeDecision, parameters: MicrosoftAuthorizeParameters,
        request: MicrosoftEmulatorRequest
    ) -> MicrosoftEmulatorResponse {
        switch decision {
        case .redirect(let location):
            return MicrosoftHTTP.redirect(location)
        case .errorPage(let message):
            return MicrosoftHTTP.bytes(
                Array(page(title: "Sign in", body: "<p>\(MicrosoftHTTP.htmlEscaped(message))</p>").utf8), status: 400,
                contentType: "text/html; charset=utf-8")
        case .consentPage(let accounts):
            return MicrosoftHTTP.bytes(
                Array(consentPage(parameters, accounts: accounts, action: request.path).utf8),
                contentType: "text/html; charset=utf-8")
        }
    }

    /// A plain form: the account, a checkbox per requested scope, Accept and Cancel.
    private func consentPage(
        _ parameters: MicrosoftAuthorizeParameters, accounts: [MicrosoftEmulatorAccount], action: String
    ) -> String {
        var html = "<form method=\"post\" action=\"\(MicrosoftHTTP.htmlEscaped(action))\">\n"
        for (name, value) in parameters.fields.sorted(by: { $0.key < $1.key }) where name != "scope" {
            html += "<input type=\"hidden\" name=\"\(name)\" value=\"\(MicrosoftHTTP.htmlEscaped(value))\">\n"
        }
        html += "<p><label>Account <select name=\"account\">"
        for account in accounts {
            let selected = account.address.lowercased() == parameters.loginHint?.lowercased() ? " selected" : ""
            html +=
                "<option value=\"\(account.id)\"\(selected)>\(MicrosoftHTTP.htmlEscaped(account.address))</option>"
        }
        html += "</select></label></p>\n<p>This app would like to:</p>\n"
        for (index, scope) in parameters.scopes.enumerated() {
            let value = MicrosoftHTTP.htmlEscaped(scope)
            let name = "scope_" + String(format: "%03d", index)
            html +=
                "<p><label><input type=\"checkbox\" name=\"\(name)\" value=\"\(value)\" checked> \(value)</label></p>\n"
        }
        html += "<button name=\"action\" value=\"accept\">Accept</button> "
        html += "<button name=\"action\" value=\"cancel\">Cancel</button>\n</form>"
        return page(title: "Permissions requested", body: html)
    }

    private func page(title: String, body: String) -> String {
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1>\n"
            + body + "\n</body></html>"
    }
}
