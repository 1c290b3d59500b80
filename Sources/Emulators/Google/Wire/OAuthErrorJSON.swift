/// An OAuth endpoint's error body.
/// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-errors
struct OAuthErrorJSON: Encodable, Sendable {
    var error: String
    var error_description: String
}
