extension SMTPServer {
    /// How long a send waits for each step before failing with `SMTPError.timeout`. The defaults
    /// are RFC 5321 section 4.5.3.2's.
    public struct Timeouts: Sendable, Hashable {
        /// For the TCP connection.
        public var connect: Duration
        /// For the greeting and for each command's reply (and for the TLS handshake, counted
        /// from the STARTTLS reply).
        public var reply: Duration
        /// For the server's reply once the whole message has been written, while it takes the
        /// message in (counted from the start of the write).
        public var messageAccepted: Duration

        /// Creates timeouts.
        public init(
            connect: Duration = .seconds(30), reply: Duration = .seconds(300), messageAccepted: Duration = .seconds(600)
        ) {
            self.connect = connect
            self.reply = reply
            self.messageAccepted = messageAccepted
        }
    }
}
