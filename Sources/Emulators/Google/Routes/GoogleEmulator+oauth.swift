import Foundation

extension GoogleEmulator {
    /// The scopes the consent page lets a user untick (OpenID ones are always granted).
    static let optionalScopePrefix = "https://www.googleapis.com/auth/gmail."

    /// Google reports `email` and `profile` by their long names.
    static func grantedName(_ scope: String) -> String {
        switch scope {
        case "email": "https://www.googleapis.com/auth/userinfo.email"
        case "profile": "https://www.googleapis.com/auth/userinfo.profile"
        default: scope
        }
    }

    /// `GET /o/oauth2/v2/auth`: the consent page, or an immediate redirect when the request says
    /// `emulator_auto=approve|deny` or the account's consent policy decides.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient
    func authorize(_ request: EmulatorRequest) async -> EmulatorReply {
        let parameters = Dictionary(request.query.map { ($0.name, $0.value) }) { first, _ in first }
        guard let clientID = parameters["client_id"], await world.knowsClient(clientID) else {
            return .html(Self.errorPage("Error 401: invalid_client", "The OAuth client was not found."), status: 401)
        }
        guard let redirectURI = parameters["redirect_uri"], !redirectURI.isEmpty else {
            return .html(
                Self.errorPage("Error 400: invalid_request", "Missing required parameter: redirect_uri"), status: 400)
        }
        guard parameters["response_type"] == "code" else {
            return .redirect(
                Self.redirect(redirectURI, [("error", "unsupported_response_type"), ("state", parameters["state"])]))
        }
        guard let scope = parameters["scope"], !scope.isEmpty else {
            return .html(Self.errorPage("Error 400: invalid_request", "Missing required parameter: scope"), status: 400)
        }
        if parameters["code_challenge"] != nil, !["S256", "plain", nil].contains(parameters["code_challenge_method"]) {
            return .html(Self.errorPage("Error 400: invalid_request", "Invalid code_challenge_method"), status: 400)
        }
        let hint = parameters["login_hint"]
        var policy: ConsentPolicy?
        if let hint { policy = await world.consentPolicy(for: hint) }
        if let auto = parameters["emulator_auto"] {
            policy = ConsentPolicy(decision: auto, withholdScopes: policy?.withholdScopes ?? [])
        }
        guard let policy, policy.decision != "manual", let hint else {
            return .html(Self.consentPage(parameters: parameters, scopes: scope.split(separator: " ").map(String.init)))
        }
        let requested = scope.split(separator: " ").map(String.init)
        return await decide(
            parameters: parameters, email: hint, approve: policy.decision == "approve",
            granted: requested.filter { !policy.withholdScopes.contains($0) })
    }

    /// `POST /o/oauth2/v2/auth/consent`: the consent form's answer.
    func consent(_ request: EmulatorRequest) async -> EmulatorReply {
        let pairs = FormDecoding.pairs(String(decoding: request.body, as: UTF8.self))
        let form = Dictionary(pairs.map { ($0.name, $0.value) }) { first, _ in first }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        if form["redirect_uri"] != nil, form["decision"] != "approve" {
            return await decide(parameters: form, email: email, approve: false, granted: [])
        }
        guard form["redirect_uri"] != nil, email.contains("@") else {
            return .html(Self.errorPage("Error 400: invalid_request", "An address is required."), status: 400)
        }
        await world.createAccount(email: email)
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        let ticked = Set(pairs.filter { $0.name == "grant" }.map(\.value))
        let granted = requested.filter { !$0.hasPrefix(Self.optionalScopePrefix) || ticked.contains($0) }
        return await decide(parameters: form, email: email, approve: form["decision"] == "approve", granted: granted)
    }

    private func decide(parameters: [String: String], email: String, approve: Bool, granted: [String]) async
        -> EmulatorReply
    {
        let redirectURI = parameters["redirect_uri"] ?? ""
        guard approve else {
            return .redirect(Self.redirect(redirectURI, [("error", "access_denied"), ("state", parameters["state"])]))
        }
        guard
            let code = await world.issueCode(
                email: email, clientID: parameters["client_id"] ?? "", redirectURI: redirectURI,
                scopes: granted.map(Self.grantedName), codeChallenge: parameters["code_challenge"],
                codeChallengeMethod: parameters["code_challenge_method"])
        else {
            return .html(Self.errorPage("Couldn't sign you in", "No account for that address."), status: 400)
        }
        return .redirect(
            Self.redirect(
                redirectURI,
                [
                    ("state", parameters["state"]), ("code", code),
                    ("scope", granted.map(Self.grantedName).joined(separator: " ")), ("authuser", "0"),
                    ("prompt", "consent"),
                ]))
    }

    /// `POST /token`: code exchange and refresh.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
    func token(_ request: EmulatorRequest) async -> EmulatorReply {
        if let fault = await injectedOAuthFailure("oauth2.token") { return fault }
        let form = request.form()
        let (clientID, clientSecret) = Self.clientCredentials(request, form: form)
        let issue: TokenIssue
        do {
            switch form["grant_type"] {
            case "authorization_code":
                issue = try await world.exchange(
                    code: form["code"] ?? "", clientID: clientID, clientSecret: clientSecret,
                    redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"])
            case "refresh_token":
                issue = try await world.refresh(
                    refreshToken: form["refresh_token"] ?? "", clientID: clientID, clientSecret: clientSecret)
            default:
                throw OAuthFailure(status: 400, error: "unsupported_grant_type", description: "Invalid grant_type.")
            }
        } catch {
            return Self.oauthError(
                error as? OAuthFailure ?? OAuthFailure(status: 500, error: "internal_failure", description: ""))
        }
        let issuedAt = Int(now().timeIntervalSince1970)
        let claims = GoogleTokenClaims(
            aud: issue.clientID, azp: issue.clientID, sub: issue.sub, email: issue.email, emailVerified: true,
            iat: issuedAt, exp: issuedAt + 3600)
        let idToken = issue.scopes.contains("openid") ? try? await signingKey.sign(claims) : nil
        var reply = EmulatorReply.json(
            TokenResponseJSON(
                access_token: issue.accessToken, expires_in: issue.expiresIn, refresh_token: issue.refreshToken,
                scope: issue.scopes.joined(separator: " "), token_type: "Bearer", id_token: idToken))
        reply.headers += [("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"), ("Pragma", "no-cache")]
        return reply
    }

    /// `POST /revoke` with `token` in the form body or the query.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke
    func revoke(_ request: EmulatorRequest) async -> EmulatorReply {
        if let fault = await injectedOAuthFailure("oauth2.revoke") { return fault }
        let token = request.form()["token"] ?? request.query("token") ?? ""
        guard await world.revoke(token: token) else {
            return Self.oauthError(
                OAuthFailure(status: 400, error: "invalid_token", description: "Token expired or revoked"))
        }
        return .json([String: String]())
    }

    /// The answer of an OAuth endpoint an injected fault hits, if one does.
    private func injectedOAuthFailure(_ endpoint: String) async -> EmulatorReply? {
        guard let fault = await world.takeFault(for: endpoint) else { return nil }
        return Self.oauthError(
            OAuthFailure(
                status: fault.status, error: fault.reason ?? "internal_failure", description: "Injected failure."),
            retryAfter: fault.retryAfter)
    }

    static func oauthError(_ failure: OAuthFailure, retryAfter: Int? = nil) -> EmulatorReply {
        var reply = EmulatorReply.json(
            OAuthErrorJSON(error: failure.error, error_description: failure.description), status: failure.status)
        if let retryAfter { reply.headers.append(("Retry-After", String(retryAfter))) }
        return reply
    }

    /// Client credentials from the form or HTTP Basic, as RFC 6749 §2.3.1 allows.
    private static func clientCredentials(_ request: EmulatorRequest, form: [String: String]) -> (String, String) {
        if let header = request.header("authorization"), header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        {
            let id = String(decoded[..<colon]).removingPercentEncoding ?? ""
            let secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding ?? ""
            return (id, secret)
        }
        return (form["client_id"] ?? "", form["client_secret"] ?? "")
    }

    static func redirect(_ uri: String, _ parameters: [(String, String?)]) -> String {
        let query = parameters.compactMap { name, value in value.map { "\(escape(name))=\(escape($0))" } }
            .joined(separator: "&")
        return uri + (uri.contains("?") ? "&" : "?") + query
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
