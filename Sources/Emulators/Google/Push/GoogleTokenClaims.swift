import JWTKit

/// Claims of the OpenID Connect tokens Google signs: ID tokens of the token endpoint and the
/// tokens of authenticated Pub/Sub pushes.
/// https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload
/// https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions#jwt_format
public struct GoogleTokenClaims: JWTPayload, Sendable {
    /// `https://accounts.google.com`.
    public var iss: String
    /// The audience (OAuth client id, or the push subscription's audience).
    public var aud: String
    /// The authorized party.
    public var azp: String
    /// The account (user `sub`, or the service account's numeric id).
    public var sub: String
    /// The address.
    public var email: String?
    /// Whether the address is verified.
    public var email_verified: Bool?
    /// Issued at, epoch seconds.
    public var iat: Int
    /// Expires at, epoch seconds.
    public var exp: Int

    /// Creates claims.
    public init(
        iss: String = "https://accounts.google.com", aud: String, azp: String, sub: String, email: String?,
        emailVerified: Bool?, iat: Int, exp: Int
    ) {
        self.iss = iss
        self.aud = aud
        self.azp = azp
        self.sub = sub
        self.email = email
        email_verified = emailVerified
        self.iat = iat
        self.exp = exp
    }

    /// Signing checks nothing.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
