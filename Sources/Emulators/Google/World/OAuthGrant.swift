/// What a user granted a client: scopes, and the tokens issued under the grant.
struct OAuthGrant: Sendable {
    var id: Int
    var sub: String
    var clientID: String
    var scopes: [String]
    var revoked: Bool
}

/// An authorization code waiting for its exchange.
struct PendingCode: Sendable {
    var sub: String
    var clientID: String
    var redirectURI: String
    var scopes: [String]
    var codeChallenge: String?
    var codeChallengeMethod: String?
    /// Epoch seconds.
    var expiresAt: Double
}

/// An issued access token.
struct IssuedAccessToken: Sendable {
    var grantID: Int
    /// Epoch seconds.
    var expiresAt: Double
}
