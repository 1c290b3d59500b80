import Foundation

extension GraphClient {
    /// The consent page URL: authorization code with PKCE (S256), `response_mode=query`, the
    /// scopes of `MicrosoftScopes.requested`
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code).
    public func authorizationURL(for request: AuthorizationRequest) -> URL {
        identity.authorizationURL(for: request)
    }

    /// Redeems the code, checks the granted scopes (`insufficientScope` names the missing ones; a
    /// missing consent is `consentDenied` with `providerCode` `AADSTS65001`), and names the account
    /// by its object id (`oid` of the id token, else `/me`'s `id`)
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token).
    public func exchangeCode(_ code: String, codeVerifier: String, redirectURI: String) async throws -> ProviderGrant {
        let (response, tokens) = try await identity.exchangeCode(
            code, codeVerifier: codeVerifier, redirectURI: redirectURI)
        let claims = response.idToken.flatMap(MicrosoftIDToken.init(jwt:))
        let claimedAddress = claims?.email ?? claims?.preferredUsername
        if let oid = claims?.oid, let claimedAddress {
            return ProviderGrant(
                tokens: tokens, account: ProviderAccount(provider: .microsoft, id: oid, address: claimedAddress))
        }
        // https://learn.microsoft.com/graph/api/user-get
        let me = try await http.json(
            GraphUser.self, GraphRequest(.GET, meURL(query: [("$select", "id,mail,userPrincipalName")])),
            access: MailboxAccess(accessToken: tokens.accessToken, accountID: claims?.oid ?? "new-grant"))
        let account = ProviderAccount(
            provider: .microsoft, id: claims?.oid ?? me.id, address: claimedAddress ?? me.mail ?? me.userPrincipalName)
        return ProviderGrant(tokens: tokens, account: account)
    }

    /// Redeems the refresh token; Microsoft returns a new refresh token each time, which the
    /// `TokenManager` stores before the access token is used. A rejected refresh token is
    /// `needsReauth` (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token).
    public func refreshTokens(refreshToken: String) async throws -> OAuthTokens {
        try await identity.refreshTokens(refreshToken: refreshToken)
    }

    /// Does nothing: Microsoft has no per-app revocation endpoint. Disconnecting deletes the
    /// subscriptions (`stopPush`) and forgets the tokens.
    public func revoke(token: String) async throws {}

    /// The error of an authorization redirect (`?error=access_denied&error_description=AADSTS65004: ...`)
    /// in plain terms: a declined or missing consent is `consentDenied`, with the AADSTS code as
    /// `providerCode`.
    public static func authorizationError(error: String, description: String?) -> ProviderError {
        MicrosoftIdentity.authorizationError(error: error, description: description)
    }
}
