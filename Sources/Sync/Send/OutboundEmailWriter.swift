import Foundation
import JobQueue
import Mail
import Store
import SyncCore

/// Turns an accepted send request into rows, inside the caller's tenant transaction: per mail the
/// CRM message (source `crm`, outbound, with the Message-ID generated on the service's domain and
/// the reply's threading headers), its attachments and conversation links, its outbox row, and
/// its `email.send` job. Nothing reaches a provider here; the job sends.
///
/// ```swift
/// let receipt = try await store.withTenant(scope) { tx in try await writer.write(email, in: tx) }
/// ```
public struct OutboundEmailWriter: Sendable {
    let composer: OutgoingComposer
    let queue: JobQueue

    /// Creates a writer.
    public init(settings: SendSettings, keyring: Keyring, queue: JobQueue) {
        composer = OutgoingComposer(settings: settings, keyring: keyring)
        self.queue = queue
    }

    /// The sender of a request, as SPEC's table chose it.
    struct ChosenSender {
        let reason: SenderChoice.Reason
        let connection: SyncCore.Connection?
        let from: MailAddress
    }

    /// Writes the email's rows and jobs; throws ``SendRejection`` (nothing written) when the
    /// request cannot be sent as asked.
    public func write(_ email: OutboundEmail, in tx: TenantTransaction) async throws -> SendReceipt {
        let subAccount = try await tx.subAccounts.current()
        try Self.check(email.attachments, against: subAccount.attachmentPolicy)
        let sender = try await chooseSender(email, in: tx)
        let recipients = try await Self.resolve(email.recipients, in: tx)
        guard !recipients.isEmpty else { throw SendRejection(.noRecipients, field: "recipients") }
        var parent: OutgoingContent?
        if let id = email.replyToMessageID {
            guard let found = try await tx.messages.stored(id) else {
                throw SendRejection(.unknownReplyMessage, field: "replyToMessageId")
            }
            parent = found
        }
        var groups = [[Contact]]()
        var skipped = [SendReceipt.Skipped]()
        if email.kind == .bulk {
            let unsubscribed = try await tx.contacts.unsubscribedFromBulk(among: recipients.map(\.id))
            for contact in recipients {
                if unsubscribed.contains(contact.id) {
                    skipped.append(.init(contactID: contact.id, address: contact.email, reason: "unsubscribed"))
                } else {
                    groups.append([contact])
                }
            }
        } else {
            groups = [recipients]
        }
        var queued = [SendReceipt.Queued]()
        var jobs = [NewJob]()
        for group in groups {
            let (entry, message) = try await writeMail(
                email, to: group, sender: sender, parent: parent, subAccount: subAccount, in: tx)
            jobs.append(SyncJobs.send(outboxID: entry.id, scope: tx.scope, connectionID: entry.connectionID))
            for contact in group {
                queued.append(
                    .init(
                        contactID: contact.id, address: contact.email, messageID: message.id,
                        threadID: message.threadID, outboxID: entry.id, sender: sender.reason.sender.rawValue,
                        senderReason: sender.reason.rawValue, connectionID: entry.connectionID,
                        from: sender.from.address))
            }
        }
        if !jobs.isEmpty { _ = try await queue.enqueue(jobs, on: tx.connection) }
        return SendReceipt(queued: queued, skipped: skipped)
    }

    /// One mail to `group`: its thread, message, attachments, conversation links and outbox row.
    private func writeMail(
        _ email: OutboundEmail, to group: [Contact], sender: ChosenSender, parent: OutgoingContent?,
        subAccount: SubAccount, in tx: TenantTransaction
    ) async throws -> (OutboxEntry, OutgoingContent) {
        let threadID: UUID
        if let parent {
            threadID = parent.threadID
        } else {
            threadID = try await tx.threads.create(origin: .crm)
        }
        var stored = OutgoingContent(
            id: UUID(), threadID: threadID,
            messageID: MessageBuilder(messageIDDomain: composer.settings.messageIDDomain).newMessageID(),
            from: MailAddressText(address: sender.from.address, name: sender.from.displayName),
            to: group.map(\.email), subject: email.subject, textBody: email.textBody, htmlBody: email.htmlBody,
            inReplyTo: parent.map { [$0.messageID] } ?? [],
            references: parent.map { $0.references.filter { [id = $0.messageID] in $0 != id } + [$0.messageID] } ?? [],
            sentAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            attachments: email.attachments.enumerated().map { index, attachment in
                OutgoingContent.Attachment(
                    partID: String(index + 1), filename: attachment.filename, mimeType: attachment.contentType,
                    content: attachment.data)
            })
        let unsubscribe =
            email.kind == .bulk
            ? try composer.listUnsubscribe(scope: tx.scope, contactID: group[0].id, bccAddress: subAccount.bccAddress)
            : []
        let composed: OutgoingComposer.Composed
        do {
            composed = try composer.compose(stored, from: sender.from, listUnsubscribe: unsubscribe)
        } catch let error as MailBuildError {
            throw SendRejection(.invalidMessage, field: error.field)
        }
        let inserted = try await tx.messages.insert(
            NewMessage(
                threadID: threadID, direction: .outbound, source: .crm, syncReason: .crmSend,
                messageID: stored.messageID, fingerprint: composed.fingerprint.key, from: stored.from, to: stored.to,
                cc: [], bcc: [], subject: stored.subject, textBody: stored.textBody, htmlBody: stored.htmlBody,
                inReplyTo: stored.inReplyTo, references: stored.references, sentAt: stored.sentAt, isRead: true,
                isTrashed: false, senderConnectionID: sender.connection?.id))
        stored.id = inserted.id
        for attachment in stored.attachments {
            try await tx.messages.addAttachment(
                messageID: inserted.id, partID: attachment.partID, filename: attachment.filename,
                mimeType: attachment.mimeType, content: attachment.content)
        }
        for contact in group {
            try await tx.conversations.link(threadID: threadID, toConversationOf: contact.id)
        }
        let entry = try await tx.outbox.create(
            messageID: inserted.id, kind: email.kind, reason: sender.reason, userID: email.actingUserID,
            connectionID: sender.reason.sender == .mailbox ? sender.connection?.id : nil,
            contactID: email.kind == .bulk ? group[0].id : nil)
        return (entry, stored)
    }

    /// SPEC's sender table for this request, and the From the mail carries: the mailbox's address
    /// (with the requested display name) through a mailbox; through the sub-account provider the
    /// requested From when it is on the sending domain, else the provider's default From.
    func chooseSender(_ email: OutboundEmail, in tx: TenantTransaction) async throws -> ChosenSender {
        var user: User?
        if let userID = email.actingUserID {
            guard let member = try await tx.users.members().first(where: { $0.id == userID }) else {
                throw SendRejection(.unknownUser, field: "actingUserId")
            }
            user = member
        }
        var connection: SyncCore.Connection?
        var mailbox: Mailbox?
        if let user, let active = try await tx.connections.active(userID: user.id) {
            connection = active
            mailbox = try await tx.mailboxes.get(active.mailboxID)
        }
        let reason = SenderChoice.reason(
            kind: email.kind, fromField: email.from,
            actingUserHasActiveConnection: (connection?.status.isActive ?? false) && mailbox != nil,
            connectedAddress: mailbox?.address)
        let addresses = MailAddress.parseList(email.from ?? "")
        let requested = addresses.count == 1 ? addresses[0] : nil
        if reason.sender == .mailbox, let mailbox {
            return ChosenSender(
                reason: reason, connection: connection,
                from: MailAddress(displayName: requested?.displayName ?? user?.name, address: mailbox.address))
        }
        guard let settings = try await tx.emailProvider.get() else {
            throw SendRejection(.noSubAccountProvider, field: "from")
        }
        let domain = "@" + settings.sendingDomain.lowercased()
        if let requested, requested.normalized.hasSuffix(domain) {
            return ChosenSender(reason: reason, connection: nil, from: requested)
        }
        return ChosenSender(
            reason: reason, connection: nil,
            from: MailAddress(
                displayName: requested?.displayName ?? settings.defaultFromName, address: settings.defaultFromAddress))
    }

    /// The recipients as contacts, once each in order; an unknown address becomes a contact.
    static func resolve(_ recipients: [OutboundEmail.Recipient], in tx: TenantTransaction) async throws -> [Contact] {
        var contacts = [Contact]()
        var seen = Set<UUID>()
        for (index, recipient) in recipients.enumerated() {
            let contact: Contact
            switch recipient {
            case .contact(let id):
                guard let found = try await tx.contacts.get(id) else {
                    throw SendRejection(.unknownContact, field: "recipients[\(index)]")
                }
                contact = found
            case .address(let text):
                let parsed = MailAddress.parseList(text)
                guard parsed.count == 1, parsed[0].address.contains("@") else {
                    throw SendRejection(.invalidAddress, field: "recipients[\(index)]")
                }
                if let found = try await tx.contacts.find(email: parsed[0].address) {
                    contact = found
                } else {
                    contact = try await tx.contacts.create(
                        email: parsed[0].address, name: parsed[0].displayName, source: .crm)
                }
            }
            if seen.insert(contact.id).inserted { contacts.append(contact) }
        }
        return contacts
    }

    /// The sub-account's attachment policy (SPEC rule 8) applied to what the CRM sends.
    static func check(_ attachments: [OutgoingAttachment], against policy: AttachmentPolicy) throws {
        for (index, attachment) in attachments.enumerated() {
            let facts = AttachmentFacts(
                id: String(index + 1), filename: attachment.filename, mimeType: attachment.contentType,
                size: attachment.data.count, isInline: attachment.contentID != nil)
            if policy.isTooLarge(facts) { throw SendRejection(.attachmentTooLarge, field: "attachments[\(index)]") }
            if !policy.supports(facts) {
                throw SendRejection(.attachmentTypeNotAllowed, field: "attachments[\(index)]")
            }
        }
    }
}
