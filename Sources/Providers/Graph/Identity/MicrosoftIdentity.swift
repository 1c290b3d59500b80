import Foundation

/// The Microsoft identity platform's OAuth 2.0 v2 authorization-code flow with PKCE
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow): the consent URL,
/// the code redemption with its granted-scope check, and refresh-token redemption, whose answer
/// carries a new refresh token every time (the caller stores it before using the access token).
struct MicrosoftIdentity: Sendable {
    let configuration: MicrosoftConfiguration
    let http: GraphHTTP
    let now: @Sendable () -> Date

    /// `GET /{tenant}/oauth2/v2.0/authorize?client_id&response_type=code&redirect_uri&response_mode=query
    /// &scope&state&code_challenge&code_challenge_method=S256[&login_hint]`
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code).
    func authorizationURL(for request: AuthorizationRequest) -> URL {
        guard var components = URLComponents(string: configuration.authorizeURL) else {
            preconditionFailure("MAILSYNC_MICROSOFT_LOGIN_URL does not make a URL")
        }
        var items = [
            URLQueryItem(name: "client_id", value: configuration.clientID),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "redirect_uri", value: request.redirectURI),
            URLQueryItem(name: "response_mode", value: "query"),
            URLQueryItem(name: "scope", value: MicrosoftScopes.requested.joined(separator: " ")),
            URLQueryItem(name: "state", value: request.state),
            URLQueryItem(name: "code_challenge", value: request.codeChallenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        if let hint = request.loginHint { items.append(URLQueryItem(name: "login_hint", value: hint)) }
        components.queryItems = items
        // URLComponents leaves `+` alone, which a form decoder reads as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { preconditionFailure("the authorization URL cannot be built") }
        return url
    }

    /// `POST /{tenant}/oauth2/v2.0/token` with `grant_type=authorization_code` and the PKCE verifier
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token).
    func exchangeCode(_ code: String, codeVerifier: String, redirectURI: String) async throws -> (
        MicrosoftTokenResponse, OAuthTokens
    ) {
        let response = try await token(
            [
                ("client_id", configuration.clientID),
                ("scope", MicrosoftScopes.requested.joined(separator: " ")),
                ("code", code),
                ("redirect_uri", redirectURI),
                ("grant_type", "authorization_code"),
                ("code_verifier", codeVerifier),
                ("client_secret", configuration.clientSecret),
            ], redeeming: .code)
        let missing = MicrosoftScopes.missing(fromGranted: response.scope ?? "")
        guard missing.isEmpty else { throw ProviderError(.insufficientScope, missingScopes: missing) }
        guard response.refreshToken != nil else {
            throw ProviderError(.insufficientScope, missingScopes: ["offline_access"])
        }
        return (response, tokens(from: response))
    }

    /// `POST /{tenant}/oauth2/v2.0/token` with `grant_type=refresh_token`; a rejected refresh token
    /// (`invalid_grant`, including a withdrawn consent, `AADSTS65001`) is `needsReauth`
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token).
    func refreshTokens(refreshToken: String) async throws -> OAuthTokens {
        let response = try await token(
            [
                ("client_id", configuration.clientID),
                ("scope", MicrosoftScopes.requested.joined(separator: " ")),
                ("refresh_token", refreshToken),
                ("grant_type", "refresh_token"),
                ("client_secret", configuration.clientSecret),
            ], redeeming: .refreshToken)
        return tokens(from: response)
    }

    /// The error an authorization redirect carries (`?error=access_denied&error_description=AADSTS65004: ...`)
    /// as a `ProviderError`: a declined or missing consent is `consentDenied`, with the AADSTS code
    /// as `providerCode` (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response).
    static func authorizationError(error: String, description: String?) -> ProviderError {
        let consentErrors: Set = ["access_denied", "consent_required", "interaction_required"]
        let aadsts = description.flatMap(aadstsCode(in:))
        let consent = consentErrors.contains(error) || aadsts == "AADSTS65001" || aadsts == "AADSTS65004"
        return ProviderError(
            consent ? .consentDenied : .permanent, providerCode: aadsts ?? error, providerMessage: description)
    }

    /// The `AADSTSnnnnn` code a description starts with.
    static func aadstsCode(in description: String) -> String? {
        guard description.hasPrefix("AADSTS") else { return nil }
        let digits = description.dropFirst(6).prefix { $0.isNumber }
        return digits.isEmpty ? nil : "AADSTS\(digits)"
    }

    private func tokens(from response: MicrosoftTokenResponse) -> OAuthTokens {
        OAuthTokens(
            accessToken: response.accessToken, refreshToken: response.refreshToken,
            expiresAt: now().addingTimeInterval(TimeInterval(response.expiresIn)),
            scopes: (response.scope ?? "").split(separator: " ").map(String.init))
    }

    /// What a token request redeems; it decides what a rejected grant means.
    private enum Redemption {
        case code, refreshToken
    }

    private func token(_ form: [(String, String)], redeeming redemption: Redemption) async throws
        -> MicrosoftTokenResponse
    {
        let body = form.map { "\(GraphURL.encodeComponent($0.0))=\(GraphURL.encodeComponent($0.1))" }
            .joined(separator: "&")
        let request = GraphRequest(
            .POST, configuration.tokenURL, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded",
            authorized: false)
        let response = try await http.sendUnlimited(request)
        if response.isSuccess { return try response.decode(MicrosoftTokenResponse.self) }
        throw Self.tokenError(response, redeeming: redemption)
    }

    /// A rejected refresh token is `needsReauth`; a code redemption refused for missing consent
    /// (`AADSTS65001`) is `consentDenied`; throttling and outages can pass; anything else (a used or
    /// expired code, a wrong client secret) is permanent.
    private static func tokenError(_ response: GraphResponse, redeeming redemption: Redemption) -> ProviderError {
        let body = try? JSONDecoder().decode(MicrosoftTokenError.self, from: Data(response.body))
        let retryAfter = GraphRetryAfter.duration(response.headers.first(name: "Retry-After"))
        let aadsts = body?.aadstsCode
        let code: ProviderError.Code
        switch (response.status, body?.error) {
        case (429, _): code = .rateLimited
        case (500...599, _): code = retryAfter == nil ? .transient : .rateLimited
        case (_, "invalid_grant"), (_, "interaction_required"), (_, "consent_required"):
            switch redemption {
            case .refreshToken: code = .needsReauth
            case .code:
                code = aadsts == "AADSTS65001" || body?.suberror == "consent_required" ? .consentDenied : .permanent
            }
        default: code = .permanent
        }
        return ProviderError(
            code, retryAfter: retryAfter, providerCode: aadsts ?? body?.error, httpStatus: response.status,
            providerMessage: body?.errorDescription)
    }
}
