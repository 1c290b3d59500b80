import Foundation

/// A stored CRM message with everything needed to build its MIME again: a send is rebuilt from
/// it on every attempt, with the same Message-ID and Date.
public struct OutgoingContent: Sendable, Hashable {
    /// One stored attachment with its bytes.
    public struct Attachment: Sendable, Hashable {
        /// The part id it was stored under (attachments are built in this order).
        public var partID: String
        /// The file name.
        public var filename: String?
        /// The MIME type.
        public var mimeType: String
        /// The bytes.
        public var content: [UInt8]

        /// Creates an attachment value.
        public init(partID: String, filename: String?, mimeType: String, content: [UInt8]) {
            self.partID = partID
            self.filename = filename
            self.mimeType = mimeType
            self.content = content
        }
    }

    /// The message's id.
    public var id: UUID
    /// Its CRM thread.
    public var threadID: UUID
    /// The Message-ID header, without angle brackets.
    public var messageID: String
    /// The sender.
    public var from: MailAddressText?
    /// Recipient addresses.
    public var to: [String], cc: [String], bcc: [String]
    /// The subject.
    public var subject: String?
    /// The bodies.
    public var textBody: String?, htmlBody: String?
    /// The threading headers' Message-IDs.
    public var inReplyTo: [String], references: [String]
    /// The Date header's moment.
    public var sentAt: Date?
    /// Attachments with their bytes (not the "not synced" records).
    public var attachments: [Attachment]

    /// Creates a message value.
    public init(
        id: UUID, threadID: UUID, messageID: String, from: MailAddressText?, to: [String], cc: [String] = [],
        bcc: [String] = [], subject: String?, textBody: String?, htmlBody: String?, inReplyTo: [String],
        references: [String], sentAt: Date?, attachments: [Attachment]
    ) {
        self.id = id
        self.threadID = threadID
        self.messageID = messageID
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.inReplyTo = inReplyTo
        self.references = references
        self.sentAt = sentAt
        self.attachments = attachments
    }
}
