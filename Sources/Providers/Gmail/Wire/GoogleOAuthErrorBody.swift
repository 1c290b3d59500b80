/// An OAuth endpoint's error body, e.g. `{"error": "invalid_grant", "error_description": "..."}`.
/// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-errors
struct GoogleOAuthErrorBody: Codable, Sendable, Hashable {
    var error: String
    var error_description: String?
}
