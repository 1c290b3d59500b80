/// The token endpoint's answer.
/// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
struct TokenResponseJSON: Encodable, Sendable {
    var access_token: String
    var expires_in: Int
    var refresh_token: String?
    var scope: String
    var token_type: String
    var id_token: String?
}
