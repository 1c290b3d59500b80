import Foundation
import Mail

/// A message of an emulated mailbox: its raw MIME (as sent or delivered; a draft's added files are
/// kept apart until it is sent) and the properties Graph exposes
/// (https://learn.microsoft.com/graph/api/resources/message).
struct OutlookMessage: Sendable {
    let key: Int
    let immutableID: String
    var restID: String
    var folderID: String
    var raw: [UInt8]
    var attachments: [OutlookAttachment] = []
    var conversationID: String
    var isRead: Bool
    var isDraft: Bool
    var receivedAt: Date
    var sentAt: Date
    var createdAt: Date
    var modifiedAt: Date
    var changeCount = 1

    var subject: String?
    var from: MailAddress?
    var to: [MailAddress]
    var cc: [MailAddress]
    var bcc: [MailAddress]
    var replyTo: [MailAddress]
    /// With angle brackets, as Graph gives it.
    var internetMessageID: String
    var inReplyTo: [String]
    var references: [String]
    var textBody: String?
    var htmlBody: String?
    var hasMIMEAttachments: Bool

    /// Reads the properties of `raw`; a message without a Message-ID gets one, as Exchange does.
    init(key: Int, raw: [UInt8], folderID: String, conversationID: String, isRead: Bool, isDraft: Bool, now: Date) {
        let parsed = MessageParser().parse(raw)
        self.key = key
        immutableID = OutlookIDs.immutableMessage()
        restID = OutlookIDs.restMessage()
        self.folderID = folderID
        self.raw = raw
        self.conversationID = conversationID
        self.isRead = isRead
        self.isDraft = isDraft
        receivedAt = now
        sentAt = parsed.date?.date ?? now
        createdAt = now
        modifiedAt = now
        subject = parsed.subject
        from = parsed.from.first
        to = parsed.to
        cc = parsed.cc
        bcc = parsed.bcc
        replyTo = parsed.replyTo
        internetMessageID = "<\(parsed.messageID ?? "\(OutlookIDs.random(24))@emulator.outlook.local")>"
        inReplyTo = parsed.inReplyTo
        references = parsed.references
        textBody = parsed.textBody
        htmlBody = parsed.htmlBody
        hasMIMEAttachments = !parsed.attachments.isEmpty
    }

    /// The Message-ID without angle brackets.
    var bareMessageID: String {
        String(internetMessageID.dropFirst().dropLast())
    }

    /// The MIME Graph's `$value` returns: the raw message with any added files merged in.
    var mime: [UInt8] {
        OutlookMIME.appending(attachments, to: raw)
    }

    /// The files of the message as Graph lists them: the MIME's attachment parts, then files added
    /// to a draft. Ids are stable for a message's content.
    var fileAttachments: [OutlookAttachment] {
        let parsed = MessageParser().parse(raw).attachments.enumerated().map { index, part in
            OutlookAttachment(
                id: "\(immutableID)-\(index)", name: part.filename ?? "attachment",
                contentType: part.contentType.mimeType, isInline: part.isInline, contentID: part.contentID,
                bytes: part.data)
        }
        return parsed + attachments
    }

    /// The `@odata.etag` / `changeKey` value, which changes with every change.
    var changeKey: String {
        "CQAAABYAAA" + String(key, radix: 36) + "x" + String(changeCount, radix: 36)
    }
}
