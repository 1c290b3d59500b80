/// A failed SMTP send.
///
/// Switch on `code`; `isRetryable` says whether the same send may succeed later. `description`
/// names the code, the stage, this client's reason and the server's reply code; the server's text
/// (which can name an address) and the underlying network error are only in `debugDescription`.
/// Credentials never appear in either.
///
/// ```swift
/// do { report = try await client.send(message, via: server) }
/// catch let error as SMTPError where error.isRetryable { /* try the job again later */ }
/// ```
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case connection, tls, authentication, transient, permanent, messageTooLarge, timeout, protocolViolation
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The connection could not be made or broke off.
        public static let connection = Code(.connection)
        /// TLS could not be set up: no STARTTLS where it is required, a failed handshake, an
        /// untrusted certificate.
        public static let tls = Code(.tls)
        /// The server rejected the credentials, offers no mechanism this client speaks, or would
        /// have received them without TLS.
        public static let authentication = Code(.authentication)
        /// The server answered 4xx: try again later.
        public static let transient = Code(.transient)
        /// The server answered 5xx (or the message cannot be sent as given): retrying will not help.
        public static let permanent = Code(.permanent)
        /// The message is larger than the server accepts (its SIZE, or a 552 reply).
        public static let messageTooLarge = Code(.messageTooLarge)
        /// The connection or a reply took longer than the server's timeouts allow.
        public static let timeout = Code(.timeout)
        /// The server said something that is not SMTP, or out of turn.
        public static let protocolViolation = Code(.protocolViolation)

        /// The code's name, e.g. `transient`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A short fixed phrase from this client saying what went wrong; never server text or secrets.
    public var reason: String
    /// Where in the session it failed, e.g. `greeting`, `EHLO`, `AUTH`, `MAIL FROM`, `RCPT TO`,
    /// `DATA`, `message content`.
    public var stage: String?
    /// The server's reply that caused the failure, when there was one.
    public var reply: SMTPReply?
    /// The underlying network or TLS error's description; only in `debugDescription`.
    public var underlyingError: String?

    /// Creates an error.
    public init(
        _ code: Code, reason: String, stage: String? = nil, reply: SMTPReply? = nil, underlyingError: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.stage = stage
        self.reply = reply
        self.underlyingError = underlyingError
    }

    /// Whether sending the same message again later may succeed: a 4xx reply, a timeout or a
    /// broken connection.
    public var isRetryable: Bool {
        code == .transient || code == .timeout || code == .connection
    }

    public var description: String {
        var text = "SMTPError.\(code)"
        if let stage { text += " at \(stage)" }
        text += ": \(reason)"
        if let reply { text += " (\(reply))" }
        return text
    }

    public var debugDescription: String {
        var text = description
        if let reply, !reply.text.isEmpty { text += "; server said: \(reply.text)" }
        if let underlyingError { text += "; \(underlyingError)" }
        return text
    }
}
