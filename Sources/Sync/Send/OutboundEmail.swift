import Foundation
import Mail
import SyncCore

/// A CRM email to send, as the send API accepted it: the kind, who acts, to whom, and the content.
public struct OutboundEmail: Sendable, Hashable {
    /// A recipient: a contact, or an address (a contact is created for an unknown one).
    public enum Recipient: Sendable, Hashable {
        /// A contact of the sub-account.
        case contact(UUID)
        /// An address.
        case address(String)
    }

    /// Single, bulk or workflow.
    public var kind: SenderChoice.Kind
    /// The CRM user the email is sent for; nil for automation without a user.
    public var actingUserID: UUID?
    /// The recipients (To). Bulk mail goes to each on its own.
    public var recipients: [Recipient]
    /// The From field as the CRM gave it (nil or blank when empty).
    public var from: String?
    /// The subject.
    public var subject: String
    /// The bodies (at least one).
    public var textBody: String?, htmlBody: String?
    /// Attachments.
    public var attachments: [OutgoingAttachment]
    /// The CRM message this replies to: the reply joins its thread.
    public var replyToMessageID: UUID?

    /// Creates an email.
    public init(
        kind: SenderChoice.Kind, actingUserID: UUID?, recipients: [Recipient], from: String?, subject: String,
        textBody: String?, htmlBody: String?, attachments: [OutgoingAttachment] = [], replyToMessageID: UUID? = nil
    ) {
        self.kind = kind
        self.actingUserID = actingUserID
        self.recipients = recipients
        self.from = from
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.replyToMessageID = replyToMessageID
    }
}
