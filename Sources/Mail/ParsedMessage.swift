/// Everything the sync engine reads from one RFC 5322 message.
///
/// Produced by `MessageParser`; every field is already decoded. Bodies are the ones a mail
/// client would show (chosen as Python's `EmailMessage.get_body` does), and `attachments` are
/// all other leaf parts.
public struct ParsedMessage: Sendable {
    /// The top-level header fields.
    public let header: MessageHeader
    /// The MIME tree; `root.path` is `1`.
    public let root: MIMEPart
    /// Repairs the parser made, in the order it made them.
    public let warnings: [ParseWarning]
    /// The size of the raw message in bytes.
    public let size: Int

    /// The decoded Subject, if present.
    public let subject: String?
    /// The From addresses (usually one).
    public let from: [MailAddress]
    /// The Sender address, if present.
    public let sender: MailAddress?
    /// The To addresses.
    public let to: [MailAddress]
    /// The Cc addresses.
    public let cc: [MailAddress]
    /// The Bcc addresses (present in a sender's own copy).
    public let bcc: [MailAddress]
    /// The Reply-To addresses.
    public let replyTo: [MailAddress]
    /// The Date, if present and readable.
    public let date: MailDate?
    /// The Message-ID without angle brackets.
    public let messageID: String?
    /// The In-Reply-To ids, without angle brackets.
    public let inReplyTo: [String]
    /// The References ids, oldest first, without angle brackets.
    public let references: [String]
    /// The plain-text body a client shows, line breaks as `\n`.
    public let textBody: String?
    /// The HTML body a client shows, line breaks as `\n`.
    public let htmlBody: String?
    /// Every leaf part other than the shown bodies.
    public let attachments: [Attachment]
    /// The delivery status, when the message is a bounce or delay report.
    public let deliveryStatus: DeliveryStatusReport?

    init(root: MIMEPart, size: Int, limits: ParseLimits, warnings parserWarnings: [ParseWarning]) {
        var warnings = parserWarnings
        let header = root.header
        let addressParser = AddressListParser(maxAddresses: limits.maxAddresses)
        func addresses(_ name: String) -> [MailAddress] {
            header.fields(named: name).flatMap { addressParser.parse($0.rawValue[...], warnings: &warnings) }
        }
        func ids(_ name: String) -> [String] {
            header[name].map { MessageIDList.parse($0.rawValue[...]) } ?? []
        }
        self.header = header
        self.root = root
        self.size = size
        subject = header["subject"]?.value
        from = addresses("from")
        sender = addresses("sender").first
        to = addresses("to")
        cc = addresses("cc")
        bcc = addresses("bcc")
        replyTo = addresses("reply-to")
        if let dateField = header["date"] {
            date = MailDate(headerValue: dateField.value)
            if date == nil { warnings.append(ParseWarning(.invalidDate, "1: Date header not readable")) }
        } else {
            date = nil
        }
        messageID = ids("message-id").first
        inReplyTo = ids("in-reply-to")
        references = ids("references")
        let text = BodyFinder.find(in: root, subtype: "plain")
        let html = BodyFinder.find(in: root, subtype: "html")
        textBody = text?.text
        htmlBody = html?.text
        let leaves = root.leaves
        attachments = leaves.filter { $0.path != text?.path && $0.path != html?.path }.map { part in
            Attachment(
                path: part.path, filename: part.filename, contentType: part.contentType,
                disposition: part.disposition?.kind, contentID: part.contentID, data: part.body)
        }
        deliveryStatus = DeliveryStatusReport.find(in: leaves, limits: limits)
        self.warnings = warnings
    }
}
