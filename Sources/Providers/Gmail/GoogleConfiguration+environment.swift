import Foundation

extension GoogleConfiguration {
    /// Reads the `MAILSYNC_GOOGLE_*` and `MAILSYNC_GMAIL_*` variables (README lists them); unset or
    /// empty ones keep their defaults, and the client defaults to `mailsync-dev`, which the
    /// built-in emulator accepts.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        func url(_ name: String) -> URL? {
            value(name).flatMap(URL.init(string:))
        }
        let defaults = GoogleConfiguration(clientID: "", clientSecret: "")
        self.init(
            clientID: value("MAILSYNC_GOOGLE_CLIENT_ID") ?? "mailsync-dev",
            clientSecret: value("MAILSYNC_GOOGLE_CLIENT_SECRET") ?? "mailsync-dev-secret",
            authURL: url("MAILSYNC_GOOGLE_AUTH_URL") ?? defaults.authURL,
            tokenURL: url("MAILSYNC_GOOGLE_TOKEN_URL") ?? defaults.tokenURL,
            revokeURL: url("MAILSYNC_GOOGLE_REVOKE_URL") ?? defaults.revokeURL,
            gmailAPIURL: url("MAILSYNC_GMAIL_API_URL") ?? defaults.gmailAPIURL,
            jwksURL: url("MAILSYNC_GOOGLE_JWKS_URL") ?? defaults.jwksURL,
            pushTopic: value("MAILSYNC_GMAIL_PUSH_TOPIC"),
            pushAudience: value("MAILSYNC_GMAIL_PUSH_AUDIENCE"),
            pushServiceAccount: value("MAILSYNC_GMAIL_PUSH_SERVICE_ACCOUNT"))
    }
}
