extension GoogleEmulator {
    /// The consent page: the address to sign in as, a checkbox per Gmail scope (OpenID scopes are
    /// always granted, as on Google's page), Allow and Cancel.
    static func consentPage(parameters: [String: String], scopes: [String]) -> String {
        let hidden = ["client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method"]
            .compactMap { name in
                parameters[name].map { "<input type=\"hidden\" name=\"\(name)\" value=\"\(html($0))\">" }
            }
            .joined(separator: "\n")
        let boxes = scopes.filter { $0.hasPrefix(optionalScopePrefix) }
            .map {
                "<label><input type=\"checkbox\" name=\"grant\" value=\"\(html($0))\" checked> \(html($0))</label><br>"
            }
            .joined(separator: "\n")
        return """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Sign in - Google Accounts (emulator)</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>Google (emulator)</h1>
            <p><b>\(html(parameters["client_id"] ?? ""))</b> wants to access your Google Account.</p>
            <form method="post" action="/o/oauth2/v2/auth/consent">
            \(hidden)
            <p><label>Account
            <input type="email" name="email" value="\(html(parameters["login_hint"] ?? ""))" required></label></p>
            <p>Select what it can access:</p>
            \(boxes)
            <p><button type="submit" name="decision" value="approve">Allow</button>
            <button type="submit" name="decision" value="deny" formnovalidate>Cancel</button></p>
            </form></body></html>
            """
    }

    static func errorPage(_ title: String, _ detail: String) -> String {
        "<!doctype html><html><body><h1>\(html(title))</h1><p>\(html(detail))</p></body></html>"
    }

    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
