import Foundation
import Store
import SyncCore
import Testing

extension SyncWorld {
    /// What the CRM send path leaves behind for an email a connected user sent from the CRM
    /// (SPEC rule 1): the copy in the mailbox's Sent folder (sent as the owner at the emulator),
    /// and in the CRM a `crm` thread, the message with `source = 'crm'`, its thread and message
    /// maps to the sent copy, and its `synced/crm_thread` decision. Returns the CRM thread and
    /// the sent copy's provider ids.
    func seedCRMSend(to recipients: [String], subject: String, id: String) async throws -> (
        threadID: UUID, sent: EmulatorControl.IDs
    ) {
        let sent = try await send(mail(from: address, to: recipients, subject: subject, id: id))
        let threadID = try await store.withTenant(scope) { tx in
            let thread = try await tx.threads.create(origin: .crm)
            let message = try await tx.messages.insert(
                NewMessage(
                    threadID: thread, direction: .outbound, source: .crm, syncReason: .crmThread, messageID: id,
                    fingerprint: String(format: "%016llx", UInt64(truncatingIfNeeded: id.hashValue)), from: MailAddressText(address: address, name: nil),
                    to: recipients, cc: [], bcc: [], subject: subject, textBody: "Hello", htmlBody: nil, inReplyTo: [],
                    references: [], sentAt: Date(), isRead: true, isTrashed: false, senderConnectionID: connectionID))
            try await tx.threads.map(connectionID: connectionID, providerThreadID: sent.threadID, to: thread)
            try await tx.messages.map(
                connectionID: connectionID, providerMessageID: sent.id, providerThreadID: sent.threadID, to: message.id)
            try await tx.syncDecisions.record(
                connectionID: connectionID, providerMessageID: sent.id, messageID: id,
                decision: .sync(
                    SyncPlan(
                        direction: .outbound, reason: .crmThread, contactIDs: [], newContacts: [], attachments: [],
                        unsyncedAttachments: [])),
                addresses: [address] + recipients)
            return thread
        }
        return (threadID, sent)
    }
}
