import Foundation
import Mail
import Store
import SyncCore

/// Stores a message the rules decided to sync, in one sub-account's transaction, whatever brought
/// it (a mailbox connection or a BCC copy): its thread (given, or new), the message once per
/// fingerprint, its attachments (bytes, or "not synced" records), contacts created by rule 4
/// (`contact.created`), its thread linked to each contact's conversation, and `message.synced`
/// for a new message. Provider maps are the caller's.
struct CRMMessageWriter {
    /// What was stored.
    struct Stored {
        /// The CRM message.
        var messageID: UUID
        /// Its thread (another writer's, when that one stored the message first).
        var threadID: UUID
        /// Whether this call created the thread (and it holds the message).
        var createdThread: Bool
    }

    let transaction: TenantTransaction

    /// Stores `parsed` under `messageID` and `fingerprint` as `plan` says. `connectionID` names
    /// the connection that brought it, if any (the sender used for outbound mail, the event).
    func store(
        _ parsed: ParsedMessage, messageID: String, fingerprint: MessageFingerprint, plan: SyncPlan,
        threadID known: UUID?, source: NewMessage.Source, bcc: [MailAddress], isRead: Bool, isTrashed: Bool,
        connectionID: UUID?
    ) async throws -> Stored {
        let threadID: UUID
        if let known {
            threadID = known
        } else {
            threadID = try await transaction.threads.create(origin: .mailbox)
        }
        let stored = try await transaction.messages.insert(
            NewMessage(
                threadID: threadID, direction: plan.direction, source: source, syncReason: plan.reason,
                messageID: messageID, fingerprint: fingerprint.key,
                from: parsed.from.first.map { MailAddressText(address: $0.address, name: $0.displayName) },
                to: parsed.to.map(\.address), cc: parsed.cc.map(\.address), bcc: bcc.map(\.address),
                subject: parsed.subject, textBody: parsed.textBody, htmlBody: parsed.htmlBody,
                inReplyTo: parsed.inReplyTo, references: parsed.references, sentAt: parsed.date?.date,
                isRead: isRead, isTrashed: isTrashed,
                senderConnectionID: plan.direction == .outbound ? connectionID : nil))
        if stored.isNew { try await storeAttachments(of: parsed, plan: plan, messageID: stored.id) }
        if known == nil, stored.threadID != threadID {
            // Another transaction stored the message first: its thread wins.
            try await transaction.threads.deleteUnused(threadID)
        }
        var contactIDs = plan.contactIDs
        for new in plan.newContacts {
            let contact = try await transaction.contacts.create(email: new.email, name: new.name, source: new.source)
            contactIDs.append(contact.id)
            try await transaction.events.append(
                ContactCreated.eventType,
                payload: ContactCreated(contactID: contact.id, source: new.source.rawValue, messageID: stored.id))
        }
        for contactID in contactIDs {
            try await transaction.conversations.link(threadID: stored.threadID, toConversationOf: contactID)
        }
        if stored.isNew {
            try await transaction.events.append(
                MessageSynced.eventType,
                payload: MessageSynced(
                    messageID: stored.id, threadID: stored.threadID,
                    conversationIDs: try await transaction.conversations.conversations(threadID: stored.threadID),
                    connectionID: connectionID, direction: plan.direction.rawValue))
        }
        return Stored(messageID: stored.id, threadID: stored.threadID, createdThread: known == nil && stored.threadID == threadID)
    }

    private func storeAttachments(of parsed: ParsedMessage, plan: SyncPlan, messageID: UUID) async throws {
        let byPath = Dictionary(parsed.attachments.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for kept in plan.attachments {
            guard let attachment = byPath[kept.id] else { continue }
            try await transaction.messages.addAttachment(
                messageID: messageID, partID: kept.id, filename: kept.filename, mimeType: kept.mimeType,
                content: attachment.data)
        }
        for left in plan.unsyncedAttachments {
            try await transaction.messages.addUnsyncedAttachment(
                messageID: messageID, partID: left.attachment.id, filename: left.attachment.filename,
                mimeType: left.attachment.mimeType, size: left.attachment.size, reason: left.reason.rawValue)
        }
    }
}
