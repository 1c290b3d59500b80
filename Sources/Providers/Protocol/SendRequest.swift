/// A message to send through the mailbox.
public struct SendRequest: Sendable, Hashable {
    /// The complete RFC 5322 message, with the Message-ID the caller set (and, for a reply,
    /// In-Reply-To and References).
    public var raw: [UInt8]
    /// The Message-ID set in `raw`, without angle brackets; a retry looks for it before sending.
    public var messageID: String
    /// The provider thread to reply in, or nil for a new thread.
    public var threadID: String?

    /// Creates a request.
    public init(raw: [UInt8], messageID: String, threadID: String?) {
        self.raw = raw
        self.messageID = messageID
        self.threadID = threadID
    }
}
