import Foundation

extension MicrosoftEmulatorState {
    /// Opens an upload session; returns its id and the token of its pre-authenticated URL.
    func openUploadSession(_ session: GraphUploadSessionState) -> (id: String, token: String) {
        let id = OutlookIDs.random(32)
        let token = OutlookIDs.random(64)
        uploadSessions[id + ":" + token] = session
        return (id, token)
    }

    /// Takes one byte range (`Content-Range: bytes {start}-{end}/{total}`), in order; the last one
    /// attaches the file to its draft and returns the attachment
    /// (https://learn.microsoft.com/graph/outlook-large-attachments#step-3-continue-uploading-byte-ranges-until-the-entire-file-has-been-uploaded).
    func upload(sessionID: String, token: String, range: String?, bytes: [UInt8]) async throws -> GraphUploadOutcome {
        let key = sessionID + ":" + token
        guard var session = uploadSessions[key], session.expiresAt > Date() else {
            throw GraphFailure(404, "ErrorItemNotFound", "The upload session was not found or has expired.")
        }
        guard let range, let parsed = Self.contentRange(range), parsed.start == session.received.count,
            parsed.total == session.size, parsed.end - parsed.start + 1 == bytes.count
        else {
            throw GraphFailure.badRequest(
                "The Content-Range header is missing or does not match the next expected range \(session.received.count)-.",
                code: "ErrorInvalidRequest")
        }
        session.received += bytes
        guard session.received.count == session.size else {
            uploadSessions[key] = session
            return .partial(expiresAt: session.expiresAt, next: session.received.count)
        }
        uploadSessions[key] = nil
        stats[session.accountID, default: MicrosoftEmulatorStats()].uploadSessionsCompleted += 1
        let attachment = OutlookAttachment(
            id: OutlookIDs.random(40), name: session.name, contentType: session.contentType,
            isInline: session.isInline,
            contentID: session.contentID, bytes: session.received)
        try await attach(attachment, to: session.messageKey, in: session.accountID)
        let messageID = mailboxes[session.accountID]?.messages[session.messageKey]?.immutableID ?? ""
        return .complete(accountID: session.accountID, messageID: messageID, attachmentID: attachment.id)
    }

    /// Adds a file posted whole to a draft
    /// (https://learn.microsoft.com/graph/api/message-post-attachments).
    func addPostedAttachment(_ attachment: OutlookAttachment, to key: Int, in accountID: String) async throws {
        try await attach(attachment, to: key, in: accountID)
        stats[accountID, default: MicrosoftEmulatorStats()].attachmentsPosted += 1
    }

    private func attach(_ attachment: OutlookAttachment, to key: Int, in accountID: String) async throws {
        try await mutate(accountID) { mailbox in
            ((), mailbox.update(key, now: Date()) { $0.attachments.append(attachment) }.map { [$0] } ?? [])
        }
    }

    /// `bytes 0-99/1000` as (0, 99, 1000).
    static func contentRange(_ header: String) -> (start: Int, end: Int, total: Int)? {
        guard header.hasPrefix("bytes ") else { return nil }
        let parts = header.dropFirst(6).split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
        guard parts.count == 3, parts[0] <= parts[1], parts[1] < parts[2] else { return nil }
        return (parts[0], parts[1], parts[2])
    }
}
