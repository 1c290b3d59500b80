import SyncCore

/// One message for the sub-account's SMTP server: where to connect, the envelope and the bytes.
public struct SubAccountMail: Sendable {
    /// The server and account (`EmailProviderSettings`).
    public var settings: EmailProviderSettings
    /// The SMTP password, when the server needs one; never logged.
    public var password: SecretText?
    /// The envelope sender (`MAIL FROM`): the sub-account's bounce address (`BounceAddress`, on the
    /// BCC domain), so delivery reports come back to the BCC endpoint and mark the message bounced.
    public var envelopeSender: String
    /// The envelope recipients (`RCPT TO`): To, Cc and Bcc.
    public var recipients: [String]
    /// The complete RFC 5322 message (From on the sending domain; no Bcc header).
    public var raw: [UInt8]
    /// The Message-ID in `raw`, without angle brackets.
    public var messageID: String

    /// Creates a message.
    public init(
        settings: EmailProviderSettings, password: SecretText?, envelopeSender: String, recipients: [String],
        raw: [UInt8], messageID: String
    ) {
        self.settings = settings
        self.password = password
        self.envelopeSender = envelopeSender
        self.recipients = recipients
        self.raw = raw
        self.messageID = messageID
    }
}
