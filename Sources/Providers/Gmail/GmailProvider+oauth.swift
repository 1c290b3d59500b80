import Foundation
import NIOHTTP1

extension GmailProvider {
    /// Google's consent page for the web-server flow: offline access (a refresh token), consent
    /// asked every time (so a refresh token comes back on reconnect), PKCE S256.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient
    public func authorizationURL(for request: AuthorizationRequest) -> URL {
        var query: [(String, String)] = [
            ("client_id", configuration.clientID),
            ("redirect_uri", request.redirectURI),
            ("response_type", "code"),
            ("scope", GoogleConfiguration.requiredScopes.joined(separator: " ")),
            ("access_type", "offline"),
            ("prompt", "consent"),
            ("include_granted_scopes", "true"),
            ("state", request.state),
            ("code_challenge", request.codeChallenge),
            ("code_challenge_method", "S256"),
        ]
        if let hint = request.loginHint { query.append(("login_hint", hint)) }
        let separator = configuration.authURL.query == nil ? "?" : "&"
        return URL(string: configuration.authURL.absoluteString + separator + FormEncoding.encode(query))!
    }

    /// Exchanges the code (with the PKCE verifier) at the token endpoint, checks the granted scopes
    /// (users can untick them) and reads the account's `sub` and address from the ID token.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
    public func exchangeCode(_ code: String, codeVerifier: String, redirectURI: String) async throws -> ProviderGrant {
        let response = try await tokenRequest(
            [
                ("code", code), ("client_id", configuration.clientID), ("client_secret", configuration.clientSecret),
                ("redirect_uri", redirectURI), ("grant_type", "authorization_code"), ("code_verifier", codeVerifier),
            ], refreshing: false)
        let tokens = try oauthTokens(response, previousRefreshToken: nil)
        let missing = GoogleScopes.missing(from: tokens.scopes)
        guard missing.isEmpty else {
            throw ProviderError(.insufficientScope, providerCode: "scopeNotGranted", missingScopes: missing)
        }
        guard tokens.refreshToken != nil else {
            throw ProviderError(.permanent, providerCode: "noRefreshToken")
        }
        guard let idToken = response.id_token else {
            throw ProviderError(.permanent, providerCode: "noIDToken")
        }
        let claims = try GoogleIDTokenClaims(jwt: idToken)
        guard claims.audience == configuration.clientID, GoogleIDTokenClaims.issuers.contains(claims.iss) else {
            throw ProviderError(.permanent, providerCode: "idTokenNotForThisClient")
        }
        return ProviderGrant(
            tokens: tokens, account: ProviderAccount(provider: .gmail, id: claims.sub, address: claims.email))
    }

    /// Gets a new access token with the refresh token; `invalid_grant` becomes `needsReauth`.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#offline
    public func refreshTokens(refreshToken: String) async throws -> OAuthTokens {
        let response = try await tokenRequest(
            [
                ("client_id", configuration.clientID), ("client_secret", configuration.clientSecret),
                ("refresh_token", refreshToken), ("grant_type", "refresh_token"),
            ], refreshing: true)
        return try oauthTokens(response, previousRefreshToken: refreshToken)
    }

    /// Revokes the grant (every token of it); a token Google no longer knows counts as revoked.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke
    public func revoke(token: String) async throws {
        let reply = try await http.send(
            .POST, configuration.revokeURL.absoluteString,
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array(FormEncoding.encode([("token", token)]).utf8))
        if reply.isSuccess { return }
        let error = GoogleErrorMapping.oauthError(reply, refreshing: false)
        if error.providerCode == "invalid_token" { return }
        throw error
    }

    private func tokenRequest(_ form: [(String, String)], refreshing: Bool) async throws -> GoogleTokenResponse {
        let reply = try await http.send(
            .POST, configuration.tokenURL.absoluteString,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(FormEncoding.encode(form).utf8))
        guard reply.isSuccess else { throw GoogleErrorMapping.oauthError(reply, refreshing: refreshing) }
        return try decode(GoogleTokenResponse.self, reply.body)
    }

    private func oauthTokens(_ response: GoogleTokenResponse, previousRefreshToken: String?) throws -> OAuthTokens {
        let rotated = response.refresh_token.flatMap { $0 == previousRefreshToken ? nil : $0 }
        return OAuthTokens(
            accessToken: response.access_token,
            refreshToken: previousRefreshToken == nil ? response.refresh_token : rotated,
            expiresAt: Date().addingTimeInterval(TimeInterval(response.expires_in)),
            scopes: (response.scope ?? "").split(separator: " ").map(String.init))
    }
}
