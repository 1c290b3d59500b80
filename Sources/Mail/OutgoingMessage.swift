import Foundation

/// An email the CRM sends: addresses, subject, bodies, attachments and threading headers.
///
/// ```swift
/// var message = OutgoingMessage(from: sender, to: [contact], subject: "Angebot für Müller GmbH")
/// message.textBody = "Hallo ..."
/// message.reply(to: parsedOriginal)
/// let built = try MessageBuilder(messageIDDomain: "mail.example.com").build(message)
/// ```
public struct OutgoingMessage: Sendable, Hashable {
    /// The sender.
    public var from: MailAddress
    /// Primary recipients.
    public var to: [MailAddress]
    /// Copied recipients.
    public var cc: [MailAddress]
    /// Blind-copied recipients; written only when the builder is asked to keep them.
    public var bcc: [MailAddress]
    /// Where replies should go, when not to `from`.
    public var replyTo: [MailAddress]
    /// The subject, in any language.
    public var subject: String
    /// The moment written to the Date header.
    public var date: Date
    /// The Message-ID without angle brackets; nil lets the builder make a fresh one. Set it when
    /// the id was recorded before sending (an outbox row), so a retry sends the same id.
    public var messageID: String?
    /// The id of the message this replies to, without angle brackets.
    public var inReplyTo: String?
    /// The thread's ids, oldest first, without angle brackets.
    public var references: [String]
    /// The plain-text body.
    public var textBody: String?
    /// The HTML body.
    public var htmlBody: String?
    /// Attachments and inline images.
    public var attachments: [OutgoingAttachment]
    /// `List-Unsubscribe` URIs (`mailto:` or `https:`), for bulk mail.
    public var listUnsubscribe: [String]
    /// Whether to add `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
    public var listUnsubscribeOneClick: Bool
    /// Extra `X-` header fields, written in order (`HeaderField(name: "X-CRM-ID", value: "42")`).
    public var extraHeaders: [HeaderField]

    /// Creates a message with the required fields; set the rest as properties.
    public init(from: MailAddress, to: [MailAddress], subject: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.cc = []
        self.bcc = []
        self.replyTo = []
        self.subject = subject
        self.date = date
        self.references = []
        self.attachments = []
        self.listUnsubscribe = []
        self.listUnsubscribeOneClick = false
        self.extraHeaders = []
    }

    /// Sets In-Reply-To and References for a reply to `parent` (RFC 5322 3.6.4): In-Reply-To is
    /// the parent's Message-ID; References is the parent's References (or, lacking them, its
    /// In-Reply-To when that holds one id) followed by the parent's Message-ID.
    public mutating func reply(to parent: ParsedMessage) {
        guard let parentID = parent.messageID else { return }
        inReplyTo = parentID
        var chain = parent.references
        if chain.isEmpty, parent.inReplyTo.count == 1 { chain = parent.inReplyTo }
        references = chain.filter { $0 != parentID } + [parentID]
    }
}
