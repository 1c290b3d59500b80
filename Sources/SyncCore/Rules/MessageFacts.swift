import Mail

/// What the sync rules read from one message: its addresses, whether the mailbox files it as
/// sent, how the sub-account's BCC address got onto it, and its attachments.
///
/// ```swift
/// let facts = MessageFacts(message: parsed, inSentFolder: labels.contains("SENT"))
/// ```
public struct MessageFacts: Sendable, Hashable {
    /// The From addresses (usually one).
    public var from: [MailAddress]
    /// The To addresses.
    public var to: [MailAddress]
    /// The Cc addresses.
    public var cc: [MailAddress]
    /// The Bcc addresses the mailbox holds: the user's own sent copy keeps them (Gmail keeps the
    /// header, Graph gives `bccRecipients`); a received copy has none.
    public var bcc: [MailAddress]
    /// Whether the mailbox files the message as sent (Gmail `SENT` label, Graph Sent Items):
    /// then it is outbound whatever its From says.
    public var inSentFolder: Bool
    /// Whether the sub-account's BCC address was put on the message automatically (the CRM's
    /// auto-BCC setting, a mail rule, an add-in) rather than by the user; such a BCC creates no
    /// contact (SPEC rule 7).
    public var bccIsAutomatic: Bool
    /// Whether the message is a delivery status notification (a bounce or delay report).
    public var isDeliveryReport: Bool
    /// Every attachment, inline parts included.
    public var attachments: [AttachmentFacts]

    /// Creates message facts.
    public init(
        from: [MailAddress], to: [MailAddress] = [], cc: [MailAddress] = [], bcc: [MailAddress] = [],
        inSentFolder: Bool = false, bccIsAutomatic: Bool = false, isDeliveryReport: Bool = false,
        attachments: [AttachmentFacts] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inSentFolder = inSentFolder
        self.bccIsAutomatic = bccIsAutomatic
        self.isDeliveryReport = isDeliveryReport
        self.attachments = attachments
    }

    /// The facts of a parsed message. Pass `bccRecipients` when the provider reports them apart
    /// from the raw message (Graph `bccRecipients`); otherwise the message's own Bcc header is used.
    public init(
        message: ParsedMessage, inSentFolder: Bool, bccRecipients: [MailAddress]? = nil, bccIsAutomatic: Bool = false
    ) {
        self.init(
            from: message.from, to: message.to, cc: message.cc, bcc: bccRecipients ?? message.bcc,
            inSentFolder: inSentFolder, bccIsAutomatic: bccIsAutomatic,
            isDeliveryReport: message.deliveryStatus != nil, attachments: message.attachments.map(AttachmentFacts.init))
    }

    /// Everyone the message was sent to: To, Cc, then Bcc.
    public var recipients: [MailAddress] { to + cc + bcc }
}
