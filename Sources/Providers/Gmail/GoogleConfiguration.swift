import Foundation

/// Everything the Gmail provider needs to know about Google: the OAuth client, every endpoint
/// (so the service runs unchanged against Google or an emulator) and the Pub/Sub push settings.
public struct GoogleConfiguration: Sendable, Hashable {
    /// The OAuth client id (`MAILSYNC_GOOGLE_CLIENT_ID`).
    public var clientID: String
    /// The OAuth client secret (`MAILSYNC_GOOGLE_CLIENT_SECRET`); never logged.
    public var clientSecret: String
    /// The consent page (`MAILSYNC_GOOGLE_AUTH_URL`).
    public var authURL: URL
    /// The token endpoint (`MAILSYNC_GOOGLE_TOKEN_URL`).
    public var tokenURL: URL
    /// The revocation endpoint (`MAILSYNC_GOOGLE_REVOKE_URL`).
    public var revokeURL: URL
    /// The Gmail API origin (`MAILSYNC_GMAIL_API_URL`); `/gmail/v1/...`, `/batch/gmail/v1` and
    /// `/upload/...` are appended to it.
    public var gmailAPIURL: URL
    /// Google's signing keys for push JWTs (`MAILSYNC_GOOGLE_JWKS_URL`).
    public var jwksURL: URL
    /// The Pub/Sub topic Gmail publishes to, `projects/<project>/topics/<topic>`
    /// (`MAILSYNC_GMAIL_PUSH_TOPIC`); nil disables push (sync then relies on polling).
    public var pushTopic: String?
    /// The audience of the push subscription's JWT (`MAILSYNC_GMAIL_PUSH_AUDIENCE`).
    public var pushAudience: String?
    /// The service account the push subscription signs as (`MAILSYNC_GMAIL_PUSH_SERVICE_ACCOUNT`).
    public var pushServiceAccount: String?

    /// The scopes the service asks for and needs: read and modify, send, and the OpenID ones that
    /// name the account (`sub`) and its address.
    public static let requiredScopes = [
        "https://www.googleapis.com/auth/gmail.modify",
        "https://www.googleapis.com/auth/gmail.send",
        "openid",
        "email",
    ]

    /// Creates a configuration; every URL defaults to Google's real one.
    public init(
        clientID: String, clientSecret: String,
        authURL: URL = URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!,
        tokenURL: URL = URL(string: "https://oauth2.googleapis.com/token")!,
        revokeURL: URL = URL(string: "https://oauth2.googleapis.com/revoke")!,
        gmailAPIURL: URL = URL(string: "https://gmail.googleapis.com")!,
        jwksURL: URL = URL(string: "https://www.googleapis.com/oauth2/v3/certs")!,
        pushTopic: String? = nil, pushAudience: String? = nil, pushServiceAccount: String? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authURL = authURL
        self.tokenURL = tokenURL
        self.revokeURL = revokeURL
        self.gmailAPIURL = gmailAPIURL
        self.jwksURL = jwksURL
        self.pushTopic = pushTopic
        self.pushAudience = pushAudience
        self.pushServiceAccount = pushServiceAccount
    }

    /// The configuration of one emulator (or other stand-in) serving every Google endpoint from
    /// one origin, at the paths Google publishes.
    public static func servedFrom(
        _ origin: URL, clientID: String, clientSecret: String, pushTopic: String? = nil, pushAudience: String? = nil,
        pushServiceAccount: String? = nil
    ) -> GoogleConfiguration {
        GoogleConfiguration(
            clientID: clientID, clientSecret: clientSecret,
            authURL: origin.appending(path: "o/oauth2/v2/auth"), tokenURL: origin.appending(path: "token"),
            revokeURL: origin.appending(path: "revoke"), gmailAPIURL: origin,
            jwksURL: origin.appending(path: "oauth2/v3/certs"), pushTopic: pushTopic, pushAudience: pushAudience,
            pushServiceAccount: pushServiceAccount)
    }
}
