import Foundation
import Hummingbird
import Store

/// JSON shapes of synced mail (see openapi.yaml): threads, messages, attachments, decisions.
struct ThreadSummaryResponse: ResponseEncodable, Sendable {
    var id: UUID
    var origin: String
    var subject: String?
    var participants: [String]
    var messageCount: Int
    var lastMessageAt: Date

    init(_ thread: ThreadSummary) {
        id = thread.id
        origin = thread.origin
        subject = thread.subject
        participants = thread.participants
        messageCount = thread.messageCount
        lastMessageAt = thread.lastMessageAt
    }
}

struct MessageResponse: ResponseEncodable, Sendable {
    struct Address: Encodable, Sendable {
        var address: String
        var name: String?
    }

    var id: UUID
    var threadId: UUID
    var direction: String
    var source: String
    var syncReason: String
    var messageId: String
    /// `connection` (sent through a connected mailbox, `senderConnectionId`), `sub_account_provider`
    /// (a CRM send through the sub-account-level provider); absent for received mail.
    var sentThrough: String?
    var senderConnectionId: UUID?
    var from: Address?
    var to: [String]
    var cc: [String]
    var bcc: [String]
    var subject: String?
    var textBody: String?
    var htmlBody: String?
    var isRead: Bool
    var isTrashed: Bool
    var isBounced: Bool
    var bouncedAt: Date?
    var sentAt: Date?
    var createdAt: Date
    var attachments: [AttachmentResponse]

    init(_ message: StoredMessage) {
        id = message.id
        threadId = message.threadID
        direction = message.direction
        source = message.source
        syncReason = message.syncReason
        messageId = message.messageID
        senderConnectionId = message.senderConnectionID
        sentThrough =
            message.senderConnectionID != nil ? "connection" : message.source == "crm" ? "sub_account_provider" : nil
        from = message.from.map { Address(address: $0.address, name: $0.name) }
        to = message.to
        cc = message.cc
        bcc = message.bcc
        subject = message.subject
        textBody = message.textBody
        htmlBody = message.htmlBody
        isRead = message.isRead
        isTrashed = message.isTrashed
        isBounced = message.bouncedAt != nil
        bouncedAt = message.bouncedAt
        sentAt = message.sentAt
        createdAt = message.createdAt
        attachments = message.attachments.map(AttachmentResponse.init)
    }
}

struct AttachmentResponse: Encodable, Sendable {
    var partId: String
    var filename: String?
    var mimeType: String
    var size: Int
    var synced: Bool
    var notSyncedReason: String?

    init(_ attachment: StoredAttachment) {
        partId = attachment.partID
        filename = attachment.filename
        mimeType = attachment.mimeType
        size = attachment.size
        synced = attachment.notSyncedReason == nil
        notSyncedReason = attachment.notSyncedReason
    }
}

struct DecisionResponse: Encodable, Sendable {
    var connectionId: UUID
    var providerMessageId: String
    var messageId: String
    var decision: String
    var reason: String
    var decidedAt: Date

    init(_ record: DecisionRecord) {
        connectionId = record.connectionID
        providerMessageId = record.providerMessageID
        messageId = record.messageIDHeader
        decision = record.decision
        reason = record.reason
        decidedAt = record.decidedAt
    }
}
