import Foundation
import Mail

extension GraphClient {
    /// The most base64 text one request body may carry: Graph refuses requests over 4 MB.
    static let singleRequestBase64Limit = 4_000_000
    /// From this size on an attachment goes up through an upload session (Graph: under 3 MB in one
    /// `POST`, 3 MB to 150 MB by session; https://learn.microsoft.com/graph/outlook-large-attachments).
    static let uploadSessionThreshold = 3_000_000
    /// Bytes per upload `PUT` (Graph asks for ranges under 4 MB).
    static let uploadChunkSize = 3_276_800

    /// Sends raw MIME whose Message-ID the caller set.
    ///
    /// - A new message that fits one request: `POST /me/sendMail` with the base64 MIME
    ///   (https://learn.microsoft.com/graph/api/user-sendmail), then the Sent Items copy is found
    ///   by `internetMessageId`.
    /// - A reply (`threadID` set, parent found by In-Reply-To or References): a MIME reply draft
    ///   (`POST /me/messages/{parent}/createReply`, https://learn.microsoft.com/graph/api/message-createreply),
    ///   so it lands in the parent's conversation, then `POST /me/messages/{id}/send`
    ///   (https://learn.microsoft.com/graph/api/message-send).
    /// - A message too large for one request: a MIME draft (`POST /me/messages`,
    ///   https://learn.microsoft.com/graph/api/user-post-messages) without its largest attachments,
    ///   which are then added one by one (an upload session from 3 MB), then sent.
    ///
    /// A draft's immutable id stays the id of its Sent Items copy
    /// (https://learn.microsoft.com/graph/outlook-immutable-id#immutable-id-with-sending-mail).
    public func send(_ request: SendRequest, access: MailboxAccess) async throws -> SendResult {
        let parent = request.threadID == nil ? nil : try await replyParent(of: request.raw, access: access)
        let fits = MIMEAttachmentSplitter.base64Length(request.raw.count) <= Self.singleRequestBase64Limit
        if parent == nil, fits {
            _ = try await http.send(
                GraphRequest(.POST, meURL("sendMail"), body: base64(request.raw), contentType: "text/plain"),
                access: access)
            return SendResult(message: try await sentCopy(of: request.messageID, access: access))
        }
        try await deleteLeftoverDrafts(of: request.messageID, access: access)
        let split =
            fits
            ? MIMEAttachmentSplitter.Split(mime: request.raw, files: [])
            : try MIMEAttachmentSplitter.split(request.raw, base64Limit: Self.singleRequestBase64Limit)
        let draftURL = parent.map { meURL("messages", $0.id, "createReply") } ?? meURL("messages")
        let draft = try await http.json(
            GraphMessage.self, GraphRequest(.POST, draftURL, body: base64(split.mime), contentType: "text/plain"),
            access: access)
        for file in split.files {
            try await attach(file, toDraft: draft.id, access: access)
        }
        _ = try await http.send(GraphRequest(.POST, meURL("messages", draft.id, "send")), access: access)
        return SendResult(message: ProviderMessageRef(id: draft.id, threadID: draft.conversationId))
    }

    /// The message a reply answers: its In-Reply-To, else the newest of its References that the
    /// mailbox holds.
    private func replyParent(of raw: [UInt8], access: MailboxAccess) async throws -> ProviderMessageRef? {
        let parsed = MessageParser().parse(raw)
        var seen = Set<String>()
        for id in parsed.inReplyTo + parsed.references.reversed() where seen.insert(id).inserted {
            if let parent = try await findMessage(messageID: id, access: access) { return parent }
        }
        return nil
    }

    /// The Sent Items copy of a `sendMail`: Exchange saves it shortly after accepting the send.
    private func sentCopy(of messageID: String, access: MailboxAccess) async throws -> ProviderMessageRef {
        for attempt in 0..<max(1, options.sentCopyLookupAttempts) {
            if attempt > 0 { try await Task.sleep(for: options.sentCopyLookupDelay) }
            if let copy = try await findMessage(messageID: messageID, access: access) { return copy }
        }
        // Sent, but the copy is not visible yet: a retry looks the Message-ID up before sending.
        throw ProviderError(.transient, providerCode: "sentCopyNotFound")
    }

    /// Deletes unsent drafts with this Message-ID that an interrupted attempt left behind
    /// (https://learn.microsoft.com/graph/api/message-delete).
    private func deleteLeftoverDrafts(of messageID: String, access: MailboxAccess) async throws {
        for draft in try await messages(withMessageID: messageID, access: access) where draft.isDraft == true {
            do {
                _ = try await http.send(GraphRequest(.DELETE, meURL("messages", draft.id)), access: access)
            } catch let error as ProviderError where error.code == .notFound {
                continue
            }
        }
    }

    /// Adds an attachment to a draft: one `POST .../attachments` below 3 MB
    /// (https://learn.microsoft.com/graph/api/message-post-attachments), else an upload session
    /// (`POST .../attachments/createUploadSession`, https://learn.microsoft.com/graph/api/attachment-createuploadsession)
    /// and `PUT`s of byte ranges to its pre-authenticated URL, without the bearer token
    /// (https://learn.microsoft.com/graph/outlook-large-attachments#step-2-use-the-upload-session-to-upload-a-range-of-bytes-of-the-file).
    private func attach(_ file: MIMEAttachmentSplitter.File, toDraft draftID: String, access: MailboxAccess)
        async throws
    {
        guard file.bytes.count >= Self.uploadSessionThreshold else {
            let attachment = GraphAttachmentUpload.FileAttachment(
                name: file.name, contentType: file.contentType, contentBytes: Data(file.bytes).base64EncodedString(),
                isInline: file.isInline, contentId: file.contentID)
            _ = try await http.send(
                GraphRequest(.POST, meURL("messages", draftID, "attachments"), body: try json(attachment)),
                access: access)
            return
        }
        let item = GraphAttachmentUpload.SessionRequest.AttachmentItem(
            name: file.name, size: file.bytes.count, contentType: file.contentType, isInline: file.isInline,
            contentId: file.contentID)
        let session = try await http.json(
            GraphUploadSession.self,
            GraphRequest(
                .POST, meURL("messages", draftID, "attachments", "createUploadSession"),
                body: try json(GraphAttachmentUpload.SessionRequest(attachmentItem: item))),
            access: access)
        guard let uploadURL = session.uploadUrl else {
            throw ProviderError(.permanent, providerCode: "invalidResponse")
        }
        var start = 0
        while start < file.bytes.count {
            let end = min(start + Self.uploadChunkSize, file.bytes.count)
            var put = GraphRequest(
                .PUT, uploadURL, body: Array(file.bytes[start..<end]), contentType: "application/octet-stream",
                authorized: false)
            put.extraHeaders = [("Content-Range", "bytes \(start)-\(end - 1)/\(file.bytes.count)")]
            _ = try await http.send(put, access: access)
            start = end
        }
    }

    private func base64(_ bytes: [UInt8]) -> [UInt8] {
        Array(Data(bytes).base64EncodedString().utf8)
    }

    func json(_ value: some Encodable) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }
}
