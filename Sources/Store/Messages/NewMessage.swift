import Foundation
import SyncCore

/// A message to store: what `MessageRepository.insert(_:)` writes, one row per sub-account and
/// fingerprint.
public struct NewMessage: Sendable, Hashable {
    /// How the message reached the CRM.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        /// Synced from a connected mailbox.
        case mailbox
        /// A copy posted to the sub-account's BCC address.
        case bcc
        /// Sent by the CRM.
        case crm
    }

    /// The CRM thread it joins.
    public var threadID: UUID
    /// Inbound or outbound, from the mailbox's point of view.
    public var direction: MessageDirection
    /// How it reached the CRM.
    public var source: Source
    /// The rule that made it sync.
    public var syncReason: SyncReason
    /// The Message-ID without angle brackets, or a derived one.
    public var messageID: String
    /// `MessageFingerprint.key`: the identity within the sub-account.
    public var fingerprint: String
    /// The first From address.
    public var from: MailAddressText?
    /// To, Cc and Bcc addresses.
    public var to: [String], cc: [String], bcc: [String]
    /// The decoded subject.
    public var subject: String?
    /// The text and HTML bodies.
    public var textBody: String?, htmlBody: String?
    /// Message-IDs of In-Reply-To and References (oldest first).
    public var inReplyTo: [String], references: [String]
    /// The Date header's moment.
    public var sentAt: Date?
    /// The provider's read and trash state.
    public var isRead: Bool, isTrashed: Bool
    /// The connection whose mailbox sent it (outbound).
    public var senderConnectionID: UUID?

    /// Creates a message to store.
    public init(
        threadID: UUID, direction: MessageDirection, source: Source, syncReason: SyncReason, messageID: String,
        fingerprint: String, from: MailAddressText?, to: [String], cc: [String], bcc: [String], subject: String?,
        textBody: String?, htmlBody: String?, inReplyTo: [String], references: [String], sentAt: Date?, isRead: Bool,
        isTrashed: Bool, senderConnectionID: UUID?
    ) {
        self.threadID = threadID
        self.direction = direction
        self.source = source
        self.syncReason = syncReason
        self.messageID = messageID
        self.fingerprint = fingerprint
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
        self.isRead = isRead
        self.isTrashed = isTrashed
        self.senderConnectionID = senderConnectionID
    }
}
