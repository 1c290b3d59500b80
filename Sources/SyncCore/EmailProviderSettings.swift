/// The sub-account-level sender (SPEC "Which sender sends"): bulk and workflow mail, and mail of
/// users without an active connection, go out through it.
///
/// The SMTP password is not part of this value; it is written and read on its own, encrypted.
public struct EmailProviderSettings: Sendable, Hashable {
    /// The kind of provider.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// An SMTP submission server.
        case smtp
    }

    /// How the SMTP connection is secured.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain text (local relays only).
        case none
        /// STARTTLS on the submission port.
        case startTLS = "starttls"
        /// Implicit TLS (usually port 465).
        case tls
    }

    /// The kind of provider.
    public var kind: Kind
    /// Server host name.
    public var host: String
    /// Server port.
    public var port: Int
    /// How the connection is secured.
    public var tlsMode: TLSMode
    /// SMTP user name, if the server needs one.
    public var username: String?
    /// The domain bulk and workflow mail is sent from.
    public var sendingDomain: String
    /// From address when the email names none.
    public var defaultFromAddress: String
    /// From display name when the email names none.
    public var defaultFromName: String?

    /// Creates SMTP settings.
    public init(
        kind: Kind = .smtp, host: String, port: Int, tlsMode: TLSMode, username: String? = nil, sendingDomain: String,
        defaultFromAddress: String, defaultFromName: String? = nil
    ) {
        self.kind = kind
        self.host = host
        self.port = port
        self.tlsMode = tlsMode
        self.username = username
        self.sendingDomain = sendingDomain
        self.defaultFromAddress = defaultFromAddress
        self.defaultFromName = defaultFromName
    }
}
