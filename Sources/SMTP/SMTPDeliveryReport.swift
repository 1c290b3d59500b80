/// What the server did with a message it accepted: the recipients it took, those it refused (each
/// with its reply), and its final reply (which often names its queue id).
///
/// A send where every recipient was refused throws instead (`SMTPError.permanent`, or
/// `.transient` when a refusal was 4xx), so a report always has at least one accepted recipient.
public struct SMTPDeliveryReport: Sendable, Hashable {
    /// The recipients the server accepted, in the order given.
    public var acceptedRecipients: [String]
    /// The recipients the server refused, in the order given.
    public var rejectedRecipients: [SMTPRejectedRecipient]
    /// The server's reply to the end of the message, e.g. `250 2.0.0 OK: queued as 4F2A`.
    public var reply: SMTPReply

    /// Creates a report.
    public init(acceptedRecipients: [String], rejectedRecipients: [SMTPRejectedRecipient], reply: SMTPReply) {
        self.acceptedRecipients = acceptedRecipients
        self.rejectedRecipients = rejectedRecipients
        self.reply = reply
    }
}
