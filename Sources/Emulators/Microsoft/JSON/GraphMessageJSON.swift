import Foundation
import Mail

/// A message rendered as Graph renders it (https://learn.microsoft.com/graph/api/resources/message):
/// `emailAddress` recipients, ISO 8601 UTC dates, the immutable or the REST id as the request
/// preferred, and only the `$select`ed properties (plus `id` and `@odata.etag`) when it selected.
struct GraphMessageJSON: Encodable, Sendable {
    struct Recipient: Encodable, Sendable {
        struct EmailAddress: Encodable, Sendable {
            var name: String
            var address: String
        }

        var emailAddress: EmailAddress

        init(_ address: MailAddress) {
            emailAddress = EmailAddress(name: address.displayName ?? address.address, address: address.address)
        }
    }

    struct Body: Encodable, Sendable {
        var contentType: String
        var content: String
    }

    struct Removed: Encodable, Sendable {
        var reason: String
    }

    var odataType: String?
    var etag: String?
    var id: String
    var createdDateTime: String?
    var lastModifiedDateTime: String?
    var changeKey: String?
    var categories: [String]?
    var receivedDateTime: String?
    var sentDateTime: String?
    var hasAttachments: Bool?
    var internetMessageId: String?
    var subject: String?
    var bodyPreview: String?
    var importance: String?
    var parentFolderId: String?
    var conversationId: String?
    var isRead: Bool?
    var isDraft: Bool?
    var body: Body?
    var sender: Recipient?
    var from: Recipient?
    var toRecipients: [Recipient]?
    var ccRecipients: [Recipient]?
    var bccRecipients: [Recipient]?
    var replyTo: [Recipient]?
    var removed: Removed?

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case etag = "@odata.etag"
        case removed = "@removed"
        case id, createdDateTime, lastModifiedDateTime, changeKey, categories, receivedDateTime, sentDateTime
        case hasAttachments, internetMessageId, subject, bodyPreview, importance, parentFolderId, conversationId
        case isRead, isDraft, body, sender, from, toRecipients, ccRecipients, bccRecipients, replyTo
    }

    /// A delta entry for a message that left the folder.
    init(removedID: String) {
        odataType = "#microsoft.graph.message"
        id = removedID
        removed = Removed(reason: "deleted")
    }

    init(_ message: OutlookMessage, immutableIDs: Bool, select: [String]?, typed: Bool) {
        id = immutableIDs ? message.immutableID : message.restID
        odataType = typed ? "#microsoft.graph.message" : nil
        etag = "W/\"\(message.changeKey)\""
        let wanted = select.map { Set($0.map { $0.lowercased() }) }
        func include(_ key: CodingKeys) -> Bool { wanted?.contains(key.rawValue.lowercased()) ?? true }
        if include(.createdDateTime) { createdDateTime = GraphDateText.iso(message.createdAt) }
        if include(.lastModifiedDateTime) { lastModifiedDateTime = GraphDateText.iso(message.modifiedAt) }
        if include(.changeKey) { changeKey = message.changeKey }
        if include(.categories) { categories = [] }
        if include(.receivedDateTime) { receivedDateTime = GraphDateText.iso(message.receivedAt) }
        if include(.sentDateTime) { sentDateTime = GraphDateText.iso(message.sentAt) }
        if include(.hasAttachments) { hasAttachments = message.hasMIMEAttachments || !message.attachments.isEmpty }
        if include(.internetMessageId) { internetMessageId = message.internetMessageID }
        if include(.subject) { subject = message.subject ?? "" }
        if include(.bodyPreview) { bodyPreview = String((message.textBody ?? "").prefix(255)) }
        if include(.importance) { importance = "normal" }
        if include(.parentFolderId) { parentFolderId = message.folderID }
        if include(.conversationId) { conversationId = message.conversationID }
        if include(.isRead) { isRead = message.isRead }
        if include(.isDraft) { isDraft = message.isDraft }
        if include(.body) {
            body =
                message.htmlBody.map { Body(contentType: "html", content: $0) }
                ?? Body(contentType: "text", content: message.textBody ?? "")
        }
        if include(.sender) { sender = message.from.map(Recipient.init) }
        if include(.from) { from = message.from.map(Recipient.init) }
        if include(.toRecipients) { toRecipients = message.to.map(Recipient.init) }
        if include(.ccRecipients) { ccRecipients = message.cc.map(Recipient.init) }
        if include(.bccRecipients) { bccRecipients = message.bcc.map(Recipient.init) }
        if include(.replyTo) { replyTo = message.replyTo.map(Recipient.init) }
    }
}
