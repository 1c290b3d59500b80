import JWTKit

/// The claims of the OpenID Connect token Pub/Sub signs for an authenticated push.
/// https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions#jwt_format
struct PubSubPushClaims: JWTPayload {
    var iss: String
    var aud: AudienceClaim
    var azp: String?
    var email: String?
    var email_verified: Bool?
    var sub: String?
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    /// Time and audience are checked by `GmailPushVerifier` with its own clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
