import Crypto
import Foundation
import Mail

/// What the token endpoint hands out (the route adds the signed ID token).
struct TokenIssue: Sendable {
    var accessToken: String
    var expiresIn: Int
    var refreshToken: String?
    var scopes: [String]
    var sub: String
    var email: String
    var clientID: String
}

/// An OAuth error answer: `{"error": ..., "error_description": ...}` with its status.
struct OAuthFailure: Error, Sendable {
    var status: Int
    var error: String
    var description: String
}

extension GoogleWorld {
    /// How the consent page should answer for `email` without a person; nil for an unknown account.
    func consentPolicy(for email: String) -> ConsentPolicy? {
        accountKey(for: email).flatMap { accounts[$0]?.consent }
    }

    /// Whether the client id is registered.
    func knowsClient(_ clientID: String) -> Bool {
        settings.clients[clientID] != nil
    }

    /// Issues an authorization code after consent (valid 10 minutes, single use).
    func issueCode(
        email: String, clientID: String, redirectURI: String, scopes: [String], codeChallenge: String?,
        codeChallengeMethod: String?
    ) -> String? {
        guard let key = accountKey(for: email), let account = accounts[key] else { return nil }
        let code = "4/0" + randomToken(32)
        codes[code] = PendingCode(
            sub: account.sub, clientID: clientID, redirectURI: redirectURI, scopes: scopes,
            codeChallenge: codeChallenge,
            codeChallengeMethod: codeChallengeMethod, expiresAt: now().timeIntervalSince1970 + 600)
        return code
    }

    /// `grant_type=authorization_code`: checks client, code, redirect URI and PKCE verifier.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
    func exchange(code: String, clientID: String, clientSecret: String, redirectURI: String, verifier: String?)
        throws(OAuthFailure) -> TokenIssue
    {
        try authenticateClient(clientID, clientSecret)
        guard let pending = codes.removeValue(forKey: code), pending.expiresAt > now().timeIntervalSince1970,
            pending.clientID == clientID
        else { throw OAuthFailure(status: 400, error: "invalid_grant", description: "Malformed auth code.") }
        guard pending.redirectURI == redirectURI else {
            throw OAuthFailure(status: 400, error: "redirect_uri_mismatch", description: "Bad Request")
        }
        if let challenge = pending.codeChallenge {
            guard let verifier, Self.challenge(verifier, method: pending.codeChallengeMethod) == challenge else {
                throw OAuthFailure(status: 400, error: "invalid_grant", description: "Invalid code verifier.")
            }
        }
        guard let account = accounts.values.first(where: { $0.sub == pending.sub }) else {
            throw OAuthFailure(status: 400, error: "invalid_grant", description: "Account not found.")
        }
        let grantID = nextGrantID
        nextGrantID += 1
        grants[grantID] = OAuthGrant(
            id: grantID, sub: account.sub, clientID: clientID, scopes: pending.scopes, revoked: false)
        let refreshToken = "1//0" + randomToken(40)
        refreshTokens[refreshToken] = grantID
        return issue(grantID: grantID, refreshToken: refreshToken, account: account)
    }

    /// `grant_type=refresh_token`; a revoked or unknown token is `invalid_grant`.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#offline
    func refresh(refreshToken: String, clientID: String, clientSecret: String) throws(OAuthFailure) -> TokenIssue {
        try authenticateClient(clientID, clientSecret)
        guard let grantID = refreshTokens[refreshToken], let grant = grants[grantID], !grant.revoked,
            grant.clientID == clientID, let account = accounts.values.first(where: { $0.sub == grant.sub })
        else {
            throw OAuthFailure(status: 400, error: "invalid_grant", description: "Token has been expired or revoked.")
        }
        var newRefreshToken: String?
        if settings.rotateRefreshTokens {
            refreshTokens[refreshToken] = nil
            let rotated = "1//0" + randomToken(40)
            refreshTokens[rotated] = grantID
            newRefreshToken = rotated
        }
        return issue(grantID: grantID, refreshToken: newRefreshToken, account: account)
    }

    /// Revokes the app's access for the token's user: as at Google, revoking one token (access or
    /// refresh) removes the app from the account, so every grant of that user to that client ends.
    /// False for an unknown token.
    /// https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke
    func revoke(token: String) -> Bool {
        guard let grantID = refreshTokens[token] ?? accessTokens[token]?.grantID, let grant = grants[grantID],
            !grant.revoked
        else { return false }
        for (id, other) in grants where other.sub == grant.sub && other.clientID == grant.clientID {
            grants[id]?.revoked = true
        }
        return true
    }

    /// Revokes every grant of an account (the user removed the app's access).
    @discardableResult
    public func revokeGrants(of email: String) -> Int {
        guard let key = accountKey(for: email), let sub = accounts[key]?.sub else { return 0 }
        var count = 0
        for (id, grant) in grants where grant.sub == sub && !grant.revoked {
            grants[id]?.revoked = true
            count += 1
        }
        return count
    }

    /// Makes every access token of an account expire now (refresh tokens keep working).
    @discardableResult
    public func expireAccessTokens(of email: String) -> Int {
        guard let key = accountKey(for: email), let sub = accounts[key]?.sub else { return 0 }
        var count = 0
        for (token, issued) in accessTokens where grants[issued.grantID]?.sub == sub {
            accessTokens[token]?.expiresAt = 0
            count += 1
        }
        return count
    }

    /// The account and scopes behind a bearer token, or nil when it is unknown, expired or revoked.
    func authenticate(bearer token: String) -> (email: String, scopes: [String])? {
        guard let issued = accessTokens[token], issued.expiresAt > now().timeIntervalSince1970,
            let grant = grants[issued.grantID], !grant.revoked,
            let account = accounts.values.first(where: { $0.sub == grant.sub })
        else { return nil }
        return (account.email, grant.scopes)
    }

    private func issue(grantID: Int, refreshToken: String?, account: EmulatedAccount) -> TokenIssue {
        let accessToken = "ya29." + randomToken(48)
        let lifetime = settings.accessTokenLifetime
        accessTokens[accessToken] = IssuedAccessToken(
            grantID: grantID, expiresAt: now().timeIntervalSince1970 + Double(lifetime))
        let grant = grants[grantID]!
        return TokenIssue(
            accessToken: accessToken, expiresIn: lifetime, refreshToken: refreshToken, scopes: grant.scopes,
            sub: account.sub, email: account.email, clientID: grant.clientID)
    }

    private func authenticateClient(_ clientID: String, _ secret: String) throws(OAuthFailure) {
        guard let expected = settings.clients[clientID], expected == secret else {
            throw OAuthFailure(status: 401, error: "invalid_client", description: "The OAuth client was not found.")
        }
    }

    private func randomToken(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// The PKCE challenge of a verifier (`S256`, or `plain`).
    static func challenge(_ verifier: String, method: String?) -> String {
        guard method != "plain" else { return verifier }
        return Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }
}
