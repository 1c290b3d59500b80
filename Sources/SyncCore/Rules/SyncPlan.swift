import Foundation

/// What to write for a message that syncs: its direction, the rule that let it through, the
/// contacts whose conversations it joins, the contacts to create and which attachments to keep.
///
/// `contactIDs` can be empty for a message of a known thread (rule 1, or a later message of a
/// synced thread) that names no contact; it then joins the thread's conversations.
public struct SyncPlan: Sendable, Hashable {
    /// Inbound or outbound, from the mailbox's point of view.
    public var direction: MessageDirection
    /// The rule that made it sync.
    public var reason: SyncReason
    /// Existing contacts on the message, in order of appearance (users' addresses ignored).
    public var contactIDs: [UUID]
    /// Recipients to create as contacts (rule 4), in order of appearance.
    public var newContacts: [NewContact]
    /// Attachments stored with the message.
    public var attachments: [AttachmentFacts]
    /// Attachments left out and recorded as "not synced".
    public var unsyncedAttachments: [UnsyncedAttachment]

    /// Creates a plan.
    public init(
        direction: MessageDirection, reason: SyncReason, contactIDs: [UUID], newContacts: [NewContact],
        attachments: [AttachmentFacts], unsyncedAttachments: [UnsyncedAttachment]
    ) {
        self.direction = direction
        self.reason = reason
        self.contactIDs = contactIDs
        self.newContacts = newContacts
        self.attachments = attachments
        self.unsyncedAttachments = unsyncedAttachments
    }
}
