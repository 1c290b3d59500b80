import Foundation
import Mail

extension GraphRoutes {
    /// Files from this size on must come through an upload session, below it in one POST.
    static let smallestUploadSession = 2 * 1024 * 1024
    /// The largest attachment Outlook takes.
    static let largestAttachment = 150 * 1024 * 1024

    func addSendingRoutes(to table: inout MicrosoftRouteTable) {
        // https://learn.microsoft.com/graph/api/user-sendmail (MIME: base64 text/plain body)
        route(&table, "POST", "me/sendMail") { call in
            try call.require("Mail.Send")
            guard call.isMIME else {
                throw GraphFailure.badRequest(
                    "The emulator takes sendMail in MIME format only.", code: "ErrorInvalidRequest")
            }
            _ = try await state.sendMessage(try call.mimeBody(), from: call.accountID)
            return MicrosoftHTTP.empty(202)
        }
        // https://learn.microsoft.com/graph/api/user-post-messages (MIME draft)
        route(&table, "POST", "me/messages") { call in
            try call.require("Mail.ReadWrite")
            guard call.isMIME else {
                throw GraphFailure.badRequest(
                    "The emulator creates drafts from MIME only.", code: "ErrorInvalidRequest")
            }
            let draft = try await state.createDraft(try call.mimeBody(), in: call.accountID)
            return MicrosoftHTTP.json(
                GraphMessageJSON(draft, immutableIDs: call.immutableIDs, select: nil, typed: false), status: 201)
        }
        // https://learn.microsoft.com/graph/api/message-createreply (MIME, or empty for a composed reply)
        route(&table, "POST", "me/messages/:id/createReply") { call in
            try call.require("Mail.ReadWrite")
            let parent = try await message(call)
            let raw = call.body.isEmpty ? try await composedReply(to: parent, in: call.accountID) : try call.mimeBody()
            let draft = try await state.createDraft(raw, in: call.accountID, replyingTo: parent.key)
            return MicrosoftHTTP.json(
                GraphMessageJSON(draft, immutableIDs: call.immutableIDs, select: nil, typed: false), status: 201)
        }
        // https://learn.microsoft.com/graph/api/message-post-attachments
        route(&table, "POST", "me/messages/:id/attachments") { call in
            try call.require("Mail.ReadWrite")
            let key = try await message(call).key
            let body = try call.decode(FileAttachmentBody.self)
            guard let bytes = Data(base64Encoded: body.contentBytes) else {
                throw GraphFailure.badRequest("Invalid base64 in contentBytes.", code: "ErrorInvalidRequest")
            }
            let attachment = OutlookAttachment(
                id: OutlookIDs.random(40), name: body.name,
                contentType: body.contentType ?? "application/octet-stream",
                isInline: body.isInline ?? false, contentID: body.contentId, bytes: Array(bytes))
            try await state.addPostedAttachment(attachment, to: key, in: call.accountID)
            return MicrosoftHTTP.json(GraphAttachmentJSON(attachment), status: 201)
        }
        // https://learn.microsoft.com/graph/api/attachment-createuploadsession
        route(&table, "POST", "me/messages/:id/attachments/createUploadSession") { call in
            try call.require("Mail.ReadWrite")
            let key = try await message(call).key
            let item = try call.decode(UploadSessionBody.self).attachmentItem
            guard item.size >= Self.smallestUploadSession else {
                throw GraphFailure.badRequest(
                    "Attachment size must be greater than the minimum size.",
                    code: "ErrorAttachmentSizeShouldNotBeLessThanMinimumSize")
            }
            guard item.size <= Self.largestAttachment else {
                throw GraphFailure.badRequest(
                    "The attachment exceeds the maximum size.", code: "ErrorAttachmentSizeLimitExceeded")
            }
            let session = GraphUploadSessionState(
                accountID: call.accountID, messageKey: key, name: item.name,
                contentType: item.contentType ?? "application/octet-stream",
                isInline: item.isInline ?? false, contentID: item.contentId, size: item.size, received: [],
                expiresAt: Date().addingTimeInterval(3600))
            let (id, token) = await state.openUploadSession(session)
            return MicrosoftHTTP.json(
                GraphUploadSessionJSON(
                    context: "\(call.origin)/v1.0/$metadata#microsoft.graph.uploadSession",
                    uploadUrl: "\(call.origin)/api/v2.0/AttachmentSessions/\(id)?authtoken=\(token)",
                    expirationDateTime: GraphDateText.isoSevenDigits(session.expiresAt), nextExpectedRanges: ["0-"]),
                status: 201)
        }
        // https://learn.microsoft.com/graph/api/message-send
        route(&table, "POST", "me/messages/:id/send") { call in
            try call.require("Mail.Send")
            let draft = try await message(call)
            guard draft.isDraft else {
                throw GraphFailure.badRequest("Only drafts can be sent.", code: "ErrorInvalidOperation")
            }
            _ = try await state.sendDraft(draft.key, in: call.accountID)
            return MicrosoftHTTP.empty(202)
        }
    }

    /// The reply Outlook drafts for an empty `createReply`.
    private func composedReply(to parent: OutlookMessage, in accountID: String) async throws -> [UInt8] {
        try MicrosoftEmulatorState.replyMIME(to: parent, from: try await state.mailbox(accountID).account, text: "")
    }
}

/// A `fileAttachment` posted to a draft.
private struct FileAttachmentBody: Decodable {
    var name: String
    var contentType: String?
    var contentBytes: String
    var isInline: Bool?
    var contentId: String?
}

/// `{"AttachmentItem": {...}}` of `createUploadSession`.
private struct UploadSessionBody: Decodable {
    struct Item: Decodable {
        var attachmentType: String?
        var name: String
        var size: Int
        var contentType: String?
        var isInline: Bool?
        var contentId: String?
    }

    var attachmentItem: Item

    enum CodingKeys: String, CodingKey {
        case attachmentItem = "AttachmentItem"
    }
}
