/// The token endpoint's answer to a code exchange or a refresh.
/// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
struct GoogleTokenResponse: Codable, Sendable, Hashable {
    var access_token: String
    var expires_in: Int
    var refresh_token: String?
    /// The granted scopes, space-delimited.
    var scope: String?
    var token_type: String?
    var id_token: String?
}
