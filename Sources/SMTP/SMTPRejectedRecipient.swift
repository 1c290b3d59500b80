/// A recipient the server refused at `RCPT TO`, with its reply (code, enhanced status, text).
public struct SMTPRejectedRecipient: Sendable, Hashable {
    /// The refused address, as given in the message's recipients.
    public var recipient: String
    /// The server's reply, e.g. `550 5.1.1 Mailbox unavailable`.
    public var reply: SMTPReply

    /// Creates a rejection.
    public init(recipient: String, reply: SMTPReply) {
        self.recipient = recipient
        self.reply = reply
    }

    /// Whether the refusal was 4xx, so sending to this recipient again later may succeed.
    public var isTransient: Bool { reply.isTransientFailure }
}
