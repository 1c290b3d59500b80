import Foundation
import Mail
import Store
import SyncCore

/// Builds a CRM message's MIME from its stored form, the same at request time (for its
/// fingerprint) and on every send attempt: the stored Message-ID and Date, the sender it goes out
/// as, and List-Unsubscribe for bulk mail.
struct OutgoingComposer: Sendable {
    let settings: SendSettings
    let keyring: Keyring

    /// The built message and the fingerprint the sync engine computes for its copies.
    struct Composed {
        let built: BuiltMessage
        let fingerprint: MessageFingerprint
    }

    /// The List-Unsubscribe URIs of a bulk mail to a contact (RFC 2369, one-click per RFC 8058):
    /// the public endpoint with the signed token, and a mail to the sub-account's BCC address.
    func listUnsubscribe(scope: TenantScope, contactID: UUID, bccAddress: String) throws -> [String] {
        let token = try UnsubscribeToken(scope: scope, contactID: contactID).signed(with: keyring)
        return ["\(settings.publicURL)/u/\(token)", "mailto:\(bccAddress)?subject=unsubscribe%20\(token)"]
    }

    /// The message as bytes, sent as `from`.
    func compose(_ stored: OutgoingContent, from: MailAddress, listUnsubscribe: [String]) throws -> Composed {
        var message = OutgoingMessage(
            from: from, to: stored.to.map { MailAddress(address: $0) }, subject: stored.subject ?? "",
            date: stored.sentAt ?? Date())
        message.cc = stored.cc.map { MailAddress(address: $0) }
        message.bcc = stored.bcc.map { MailAddress(address: $0) }
        message.messageID = stored.messageID
        message.inReplyTo = stored.inReplyTo.last
        message.references = stored.references
        message.textBody = stored.textBody
        message.htmlBody = stored.htmlBody
        message.attachments = stored.attachments.map {
            OutgoingAttachment(filename: $0.filename ?? "attachment", contentType: $0.mimeType, data: $0.content)
        }
        message.listUnsubscribe = listUnsubscribe
        message.listUnsubscribeOneClick = !listUnsubscribe.isEmpty
        let built = try MessageBuilder(messageIDDomain: settings.messageIDDomain).build(message)
        let parsed = MessageParser().parse(built.bytes)
        return Composed(built: built, fingerprint: MessageFingerprint(message: parsed, messageID: built.messageID))
    }
}
