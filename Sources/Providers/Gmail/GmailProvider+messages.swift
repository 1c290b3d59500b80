import Foundation
import Mail

extension GmailProvider {
    /// `users.messages.list` with `q=after:<epoch> before:<epoch>` (spam and trash excluded).
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list
    /// https://support.google.com/mail/answer/7190 (search operators)
    public func listMessages(in window: DateInterval, pageToken: String?, access: MailboxAccess) async throws
        -> MessageListPage
    {
        let after = Int(window.start.timeIntervalSince1970.rounded(.down))
        let before = Int(window.end.timeIntervalSince1970.rounded(.up))
        var query = [("q", "after:\(after) before:\(before)"), ("maxResults", "500")]
        if let pageToken { query.append(("pageToken", pageToken)) }
        let list = try decode(
            GmailMessageList.self,
            try await call(.messagesList, .GET, apiURL("messages", query: query), access: access).body)
        return MessageListPage(messages: (list.messages ?? []).map(\.reference), nextPageToken: list.nextPageToken)
    }

    /// `users.messages.list` with `q=rfc822msgid:<id>`, trash and spam included (a sent copy the
    /// user trashed was still sent).
    public func findMessage(messageID: String, access: MailboxAccess) async throws -> ProviderMessageRef? {
        let query = [("q", "rfc822msgid:<\(messageID)>"), ("includeSpamTrash", "true"), ("maxResults", "10")]
        let list = try decode(
            GmailMessageList.self,
            try await call(.messagesList, .GET, apiURL("messages", query: query), access: access).body)
        return list.messages?.first?.reference
    }

    /// `users.messages.get` with `format=raw`.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/get
    public func fetchMessage(_ message: ProviderMessageRef, access: MailboxAccess) async throws -> FetchedMessage {
        let url = apiURL("messages/\(FormEncoding.escape(message.id))", query: [("format", "raw")])
        return try fetched(decode(GmailMessage.self, try await call(.messagesGet, .GET, url, access: access).body))
    }

    /// `users.messages.get` (format=raw) for many messages through the batch endpoint, at most 50
    /// per batch, answers matched to requests by Content-ID.
    /// https://developers.google.com/workspace/gmail/api/guides/batch
    public func fetchMessages(_ messages: [ProviderMessageRef], access: MailboxAccess) async throws
        -> [String: Result<FetchedMessage, ProviderError>]
    {
        var results = [String: Result<FetchedMessage, ProviderError>]()
        var start = 0
        while start < messages.count {
            let chunk = Array(messages[start..<min(start + Self.maxBatchSize, messages.count)])
            start += chunk.count
            for (id, result) in try await fetchBatch(chunk, access: access) {
                results[id] = result
            }
        }
        return results
    }

    private func fetchBatch(_ messages: [ProviderMessageRef], access: MailboxAccess) async throws
        -> [String: Result<FetchedMessage, ProviderError>]
    {
        let prefix =
            configuration.gmailAPIURL.path.hasSuffix("/")
            ? String(configuration.gmailAPIURL.path.dropLast()) : configuration.gmailAPIURL.path
        let requests = messages.enumerated().map { index, message in
            GoogleBatch.Request(
                contentID: "item-\(index)", method: "GET",
                path: "\(prefix)/gmail/v1/users/me/messages/\(FormEncoding.escape(message.id))?format=raw")
        }
        let batch = GoogleBatch.encode(requests)
        try await quota.spend(GmailMethod.messagesGet.units * messages.count, account: access.accountID)
        let reply = try await http.send(
            .POST, originPath() + "/batch/gmail/v1",
            headers: ["Authorization": "Bearer \(access.accessToken)", "Content-Type": batch.contentType],
            body: batch.body, maxBodyBytes: 512 << 20)
        guard reply.isSuccess else { throw await failure(reply, access: access) }
        guard let contentType = reply.headers.first(name: "Content-Type"),
            let parts = GoogleBatch.decodeResponse(reply.body, contentType: contentType)
        else {
            throw ProviderError(.transient, providerCode: "unreadableBatchResponse", httpStatus: reply.status)
        }
        var results = [String: Result<FetchedMessage, ProviderError>]()
        for (index, message) in messages.enumerated() {
            guard let part = parts["item-\(index)"] else {
                results[message.id] = .failure(ProviderError(.transient, providerCode: "missingBatchPart"))
                continue
            }
            guard part.isSuccess else {
                let error = await failure(part, access: access)
                if error.endsTheCall { throw error }
                results[message.id] = .failure(error)
                continue
            }
            results[message.id] = Result { try fetched(decode(GmailMessage.self, part.body)) }
                .mapError { $0 as? ProviderError ?? ProviderError(.permanent) }
        }
        return results
    }

    /// `users.messages.send` with the raw MIME (base64url) and, for a reply, `threadId`; Gmail keeps
    /// a Message-ID the message already has.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send
    /// https://developers.google.com/workspace/gmail/api/guides/sending
    public func send(_ request: SendRequest, access: MailboxAccess) async throws -> SendResult {
        let body = GmailSendBody(raw: Base64URL.encode(request.raw), threadId: request.threadID)
        let sent = try decode(
            GmailMessage.self,
            try await call(.messagesSend, .POST, apiURL("messages/send"), json: body, access: access).body)
        return SendResult(message: sent.reference)
    }

    /// `users.messages.modify` removing (read) or adding (unread) the UNREAD label.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/modify
    public func setRead(_ isRead: Bool, message: ProviderMessageRef, access: MailboxAccess) async throws {
        let body =
            isRead
            ? GmailModifyRequest(addLabelIds: nil, removeLabelIds: ["UNREAD"])
            : GmailModifyRequest(addLabelIds: ["UNREAD"], removeLabelIds: nil)
        let url = apiURL("messages/\(FormEncoding.escape(message.id))/modify")
        _ = try await call(.messagesModify, .POST, url, json: body, access: access)
    }

    /// A raw-format message as a `FetchedMessage`; the Bcc of the user's own sent copy is read
    /// from its header (Gmail keeps it there).
    private func fetched(_ message: GmailMessage) throws -> FetchedMessage {
        guard let raw = message.raw.flatMap(Base64URL.decode) else {
            throw ProviderError(.permanent, providerCode: "missingRaw")
        }
        let labels = message.labelIds ?? []
        let state = GmailHistoryReader.state(labels: labels)
        let bcc = state.isSent ? MessageParser().parse(raw).bcc : []
        let millis = message.internalDate?.value ?? 0
        return FetchedMessage(
            message: message.reference, raw: raw, state: state,
            internalDate: Date(timeIntervalSince1970: Double(millis) / 1000), ownCopyBcc: bcc)
    }
}
