/// A message ready to hand to a provider: its Message-ID and its RFC 5322 bytes (CRLF lines).
public struct BuiltMessage: Sendable, Hashable {
    /// The Message-ID written, without angle brackets; record it to find the sent copy later.
    public let messageID: String
    /// The complete message.
    public let bytes: [UInt8]

    /// Creates a built message.
    public init(messageID: String, bytes: [UInt8]) {
        self.messageID = messageID
        self.bytes = bytes
    }
}
