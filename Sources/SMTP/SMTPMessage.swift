/// One message to send: the envelope (sender and recipients, which need not match the headers)
/// and the message itself as RFC 5322 bytes.
///
/// The bytes are sent as they are, except that bare LF and bare CR become CRLF, lines starting
/// with `.` are dot-stuffed, and a final CRLF is added when missing.
///
/// ```swift
/// let message = SMTPMessage(sender: "news@shop.example", recipients: ["anna@example.com"], content: built.raw)
/// ```
public struct SMTPMessage: Sendable, Hashable {
    /// The envelope sender (`MAIL FROM`), where bounces go; empty for the null sender `<>`.
    public var sender: String
    /// The envelope recipients (`RCPT TO`), each an address without angle brackets.
    public var recipients: [String]
    /// The message, headers and body, as RFC 5322 bytes.
    public var content: [UInt8]

    /// Creates a message.
    public init(sender: String, recipients: [String], content: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }
}
