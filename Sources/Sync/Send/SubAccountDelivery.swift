/// What the sub-account's SMTP server said about one envelope recipient.
public struct SubAccountDelivery: Sendable, Hashable {
    /// The server's answer.
    public enum Outcome: Sendable, Hashable {
        /// Accepted (2xx after `RCPT TO` and the data).
        case accepted
        /// Refused for now (4xx): sending again later may work.
        case deferred
        /// Refused for good (5xx).
        case rejected
    }

    /// The envelope recipient.
    public var recipient: String
    /// The server's answer.
    public var outcome: Outcome
    /// The SMTP reply code, when there was one (e.g. 550).
    public var replyCode: Int?

    /// Creates a result.
    public init(recipient: String, outcome: Outcome, replyCode: Int? = nil) {
        self.recipient = recipient
        self.outcome = outcome
        self.replyCode = replyCode
    }
}
