import Foundation

/// A synced message as the CRM reads it: the stored row with its attachments' metadata.
public struct StoredMessage: Sendable, Hashable, Identifiable {
    /// The message.
    public var id: UUID
    /// Its CRM thread.
    public var threadID: UUID
    /// `inbound` or `outbound`.
    public var direction: String
    /// Where it came from: `mailbox`, `bcc` or `crm`.
    public var source: String
    /// The rule that let it sync (a `SyncReason` code).
    public var syncReason: String
    /// The Message-ID without angle brackets (or one derived from provider ids).
    public var messageID: String
    /// The connection whose mailbox sent it, for outbound mail sent through a mailbox.
    public var senderConnectionID: UUID?
    /// The From address, if any.
    public var from: MailAddressText?
    /// The To addresses.
    public var to: [String]
    /// The Cc addresses.
    public var cc: [String]
    /// The Bcc addresses (known only on the sender's own copy).
    public var bcc: [String]
    /// The subject.
    public var subject: String?
    /// The plain-text body.
    public var textBody: String?
    /// The HTML body.
    public var htmlBody: String?
    /// Read in the CRM (and, through rule 10, in the mailboxes).
    public var isRead: Bool
    /// Trashed or deleted at the provider (marked, never deleted).
    public var isTrashed: Bool
    /// When a delivery report marked it bounced.
    public var bouncedAt: Date?
    /// The Date header's time.
    public var sentAt: Date?
    /// When the CRM stored it.
    public var createdAt: Date
    /// Its attachments, synced or not, in part order.
    public var attachments: [StoredAttachment]

    /// Creates a message value.
    public init(
        id: UUID, threadID: UUID, direction: String, source: String, syncReason: String, messageID: String,
        senderConnectionID: UUID?, from: MailAddressText?, to: [String], cc: [String], bcc: [String],
        subject: String?, textBody: String?, htmlBody: String?, isRead: Bool, isTrashed: Bool, bouncedAt: Date?,
        sentAt: Date?, createdAt: Date, attachments: [StoredAttachment]
    ) {
        self.id = id
        self.threadID = threadID
        self.direction = direction
        self.source = source
        self.syncReason = syncReason
        self.messageID = messageID
        self.senderConnectionID = senderConnectionID
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.isRead = isRead
        self.isTrashed = isTrashed
        self.bouncedAt = bouncedAt
        self.sentAt = sentAt
        self.createdAt = createdAt
        self.attachments = attachments
    }
}
