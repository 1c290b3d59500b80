/// The id token claims the emulator issues
/// (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference).
struct MicrosoftIDTokenClaims: Encodable, Sendable {
    var ver = "2.0"
    var aud: String
    var iss: String
    var oid: String
    var tid: String
    var sub: String
    var preferredUsername: String
    var name: String
    var email: String?
    var iat: Int
    var nbf: Int
    var exp: Int

    enum CodingKeys: String, CodingKey {
        case ver, aud, iss, oid, tid, sub, name, email, iat, nbf, exp
        case preferredUsername = "preferred_username"
    }
}
