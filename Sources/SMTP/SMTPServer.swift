/// Where and how to send: a sub-account's SMTP server, its transport security, credentials,
/// timeouts and the certificates it is trusted by.
///
/// ```swift
/// let server = SMTPServer(
///     host: "smtp.shop.example", port: 587, security: .startTLSRequired,
///     credentials: SMTPCredentials(username: "news@shop.example", password: password),
///     heloName: "mailsync.example.com")
/// ```
public struct SMTPServer: Sendable, Hashable {
    /// The server's host name or IP address.
    public var host: String
    /// The server's port: usually 587 (submission, STARTTLS), 465 (implicit TLS) or 25.
    public var port: Int
    /// Whether and how the connection is encrypted.
    public var security: Security
    /// The AUTH user and password; `nil` sends without authenticating.
    public var credentials: SMTPCredentials?
    /// Whether credentials may be sent over a connection without TLS. Off by default: a send
    /// with credentials and no TLS fails with `SMTPError.authentication` before any are sent.
    public var allowsCredentialsWithoutTLS: Bool
    /// The name this client gives in EHLO/HELO: the sending host's fully qualified domain name.
    public var heloName: String
    /// How long to wait for the connection and for each reply.
    public var timeouts: Timeouts
    /// The certificates a TLS server's chain must lead to.
    public var trustRoots: TrustRoots

    /// Creates a server description.
    public init(
        host: String, port: Int = 587, security: Security = .startTLSRequired, credentials: SMTPCredentials? = nil,
        allowsCredentialsWithoutTLS: Bool = false, heloName: String, timeouts: Timeouts = Timeouts(),
        trustRoots: TrustRoots = .system
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.allowsCredentialsWithoutTLS = allowsCredentialsWithoutTLS
        self.heloName = heloName
        self.timeouts = timeouts
        self.trustRoots = trustRoots
    }
}
