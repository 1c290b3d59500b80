import Foundation
import Mail

/// SPEC "What syncs" as a pure function: for one message a connection saw in its mailbox,
/// whether it syncs to the connection's sub-account, and how.
///
/// The checks run in this order, so the stored reason is the one that matters most: the
/// connection's status; delivery reports; rule 6 (a message from a user never syncs, in any
/// thread); rules 1-5 (is the message wanted at all); rule 8 (attachments).
///
/// ```swift
/// switch SyncRules.decide(MessageFacts(message: parsed, inSentFolder: isSent), in: context) {
/// case .sync(let plan): store(message, plan)
/// case .skip(let reason): recordSkip(ids, reason.rawValue)
/// }
/// ```
public enum SyncRules {
    /// The decision for a message the connection in `context` saw in its mailbox.
    public static func decide(_ message: MessageFacts, in context: SyncContext) -> SyncDecision {
        if let reason = skipReason(for: context.connection.status) { return .skip(reason) }
        if message.isDeliveryReport { return .skip(.deliveryReport) }

        let subAccount = context.subAccount
        let ownAddresses = Set(([context.mailbox.address] + context.mailbox.aliases).map(AddressBook.normalize))
        let book = AddressBook(
            contacts: context.contacts, userAddresses: context.userAddresses,
            ignoring: Array(ownAddresses) + [subAccount.bccAddress])
        let isOutbound = message.inSentFolder || message.from.contains { ownAddresses.contains($0.normalized) }
        // Rule 6 wins over all: only the mailbox's own outbound mail may come from a user.
        if !isOutbound, message.from.contains(where: book.isUser) { return .skip(.fromUser) }

        let bccAddress = AddressBook.normalize(subAccount.bccAddress)
        let userAddedBCC =
            isOutbound && !message.bccIsAutomatic && (message.cc + message.bcc).contains { $0.normalized == bccAddress }
        let newContacts = userAddedBCC ? book.newContacts(among: message.recipients) : []
        let mailboxRule: SyncReason? =
            if !newContacts.isEmpty {
                .bccAddress
            } else if context.thread == .mailbox {
                .syncedThread
            } else if !isOutbound, message.from.contains(where: book.isContact) {
                .contactInbound
            } else if isOutbound, message.recipients.contains(where: book.isContact) {
                .contactOutbound
            } else {
                nil
            }
        // Rule 5: an Outlook connection without the Labs flag syncs by rule 1 only.
        let gated = context.mailbox.provider == .microsoft && !subAccount.labs.outlookTwoWaySync
        let reason: SyncReason
        if context.thread == .crm {
            reason = .crmThread
        } else if let mailboxRule {
            guard !gated else { return .skip(.labsDisabled) }
            reason = mailboxRule
        } else {
            return .skip(.notAContact)
        }
        return plan(
            direction: isOutbound ? .outbound : .inbound, reason: reason,
            contactIDs: book.contactIDs(in: message.from + message.recipients),
            newContacts: gated ? [] : newContacts, attachments: message.attachments,
            policy: subAccount.attachmentPolicy)
    }

    /// The skip reason for a connection that must not sync, or nil for a connected one.
    static func skipReason(for status: Connection.Status) -> SkipReason? {
        switch status {
        case .connected: nil
        case .needsReauth: .needsReauth
        case .disconnected: .disconnected
        case .superseded: .supersededConnection
        }
    }

    /// The plan for a message the rules let through, or `attachment_too_large` (rule 8).
    static func plan(
        direction: MessageDirection, reason: SyncReason, contactIDs: [UUID], newContacts: [NewContact],
        attachments: [AttachmentFacts], policy: AttachmentPolicy
    ) -> SyncDecision {
        if attachments.contains(where: policy.isTooLarge) { return .skip(.attachmentTooLarge) }
        let kept = attachments.filter(policy.supports)
        let unsynced = attachments.filter { !policy.supports($0) }.map {
            UnsyncedAttachment(attachment: $0, reason: .unsupportedType)
        }
        return .sync(
            SyncPlan(
                direction: direction, reason: reason, contactIDs: contactIDs, newContacts: newContacts,
                attachments: kept, unsyncedAttachments: unsynced))
    }
}
