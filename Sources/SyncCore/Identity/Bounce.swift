/// A failed delivery of a sent message, read from a delivery status notification.
public struct Bounce: Sendable, Hashable {
    /// The Message-ID (without angle brackets) of the message to mark bounced.
    public var originalMessageID: String
    /// The recipients that failed, lower case.
    public var failedRecipients: [String]

    /// Creates a bounce.
    public init(originalMessageID: String, failedRecipients: [String]) {
        self.originalMessageID = originalMessageID
        self.failedRecipients = failedRecipients
    }
}
