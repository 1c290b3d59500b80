import Foundation

/// A stored CRM message with everything needed to build its MIME again: a send is rebuilt from
/// it on every attempt, with the same Message-ID and Date.
public struct StoredMessage: Sendable, Hashable {
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
}
