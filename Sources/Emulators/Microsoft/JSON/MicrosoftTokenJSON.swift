/// A successful token response.
struct MicrosoftTokenJSON: Encodable, Sendable {
    var tokenType: String
    var scope: String
    var expiresIn: Int
    var extExpiresIn: Int
    var accessToken: String
    var refreshToken: String?
    var idToken: String?

    enum CodingKeys: String, CodingKey {
        case tokenType = "token_type"
        case scope
        case expiresIn = "expires_in"
        case extExpiresIn = "ext_expires_in"
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case idToken = "id_token"
    }
}
