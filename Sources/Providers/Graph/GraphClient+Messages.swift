import Foundation
import Mail

extension GraphClient {
    /// The message properties a fetch reads besides the raw MIME.
    static let fetchSelect =
        "id,conversationId,internetMessageId,parentFolderId,isRead,isDraft,receivedDateTime,sentDateTime,bccRecipients"

    /// `GET /me/messages/{id}?$select=...` (https://learn.microsoft.com/graph/api/message-get) and
    /// `GET /me/messages/{id}/$value` for the raw MIME
    /// (https://learn.microsoft.com/graph/outlook-get-mime-message). The Bcc of the user's own sent
    /// copy comes from `bccRecipients`.
    public func fetchMessage(_ message: ProviderMessageRef, access: MailboxAccess) async throws -> FetchedMessage {
        async let properties = http.json(
            GraphMessage.self,
            GraphRequest(.GET, meURL("messages", message.id, query: [("$select", Self.fetchSelect)])),
            access: access)
        async let raw = http.send(GraphRequest(.GET, meURL("messages", message.id, "$value")), access: access)
        let json = try await properties
        let directory = try await folderDirectory(access: access)
        let state = directory.state(folderID: json.parentFolderId, isRead: json.isRead ?? false)
        let bcc =
            state.isSent
            ? (json.bccRecipients ?? []).compactMap { recipient -> MailAddress? in
                guard let address = recipient.emailAddress?.address else { return nil }
                return MailAddress(displayName: recipient.emailAddress?.name, address: address)
            } : []
        let received = (json.receivedDateTime ?? json.sentDateTime).flatMap(GraphDate.parse) ?? now()
        return FetchedMessage(
            message: ProviderMessageRef(id: json.id, threadID: json.conversationId), raw: try await raw.body,
            state: state, internalDate: received, ownCopyBcc: bcc)
    }

    /// Fetches the messages concurrently; the per-mailbox limit keeps it to four requests at once.
    public func fetchMessages(_ messages: [ProviderMessageRef], access: MailboxAccess) async throws
        -> [String: Result<FetchedMessage, ProviderError>]
    {
        try await withThrowingTaskGroup(of: (String, Result<FetchedMessage, ProviderError>).self) { group in
            for message in messages {
                group.addTask {
                    do {
                        return (message.id, .success(try await fetchMessage(message, access: access)))
                    } catch let error as ProviderError where !error.endsTheCall {
                        return (message.id, .failure(error))
                    }
                }
            }
            var results = [String: Result<FetchedMessage, ProviderError>]()
            for try await (id, result) in group { results[id] = result }
            return results
        }
    }

    /// `GET /me/messages?$filter=receivedDateTime ge {start} and receivedDateTime lt {end}
    /// &$orderby=receivedDateTime desc`, following `@odata.nextLink` as the page token; messages in
    /// Junk Email, Drafts, Outbox and Conversation History are left out
    /// (https://learn.microsoft.com/graph/api/user-list-messages).
    /// Graph dates have whole seconds, so the window's (exclusive) end is rounded up: rounding it
    /// down would leave out what arrived in the last fraction of a second before it.
    public func listMessages(in window: DateInterval, pageToken: String?, access: MailboxAccess) async throws
        -> MessageListPage
    {
        let end = Date(timeIntervalSince1970: window.end.timeIntervalSince1970.rounded(.up))
        let url =
            try pageToken.map(checkedLink)
            ?? meURL(
                "messages",
                query: [
                    (
                        "$filter",
                        "receivedDateTime ge \(GraphDate.format(window.start)) and receivedDateTime lt \(GraphDate.format(end))"
                    ),
                    ("$orderby", "receivedDateTime desc"),
                    ("$select", "id,conversationId,parentFolderId"),
                    ("$top", String(options.pageSize)),
                ])
        let page = try await http.json(GraphPage<GraphMessage>.self, GraphRequest(.GET, url), access: access)
        let directory = try await folderDirectory(access: access)
        let messages = page.value.filter { !directory.isExcluded($0.parentFolderId ?? "") }.map {
            ProviderMessageRef(id: $0.id, threadID: $0.conversationId)
        }
        return MessageListPage(messages: messages, nextPageToken: page.nextLink)
    }

    /// `GET /me/messages?$filter=internetMessageId eq '<id>'`; drafts do not count, so an unsent
    /// draft a crashed send left behind is never taken for the sent message
    /// (https://learn.microsoft.com/graph/api/user-list-messages).
    public func findMessage(messageID: String, access: MailboxAccess) async throws -> ProviderMessageRef? {
        try await messages(withMessageID: messageID, access: access).first { $0.isDraft != true }.map {
            ProviderMessageRef(id: $0.id, threadID: $0.conversationId)
        }
    }

    /// `PATCH /me/messages/{id}` with `{"isRead": ...}` (https://learn.microsoft.com/graph/api/message-update).
    public func setRead(_ isRead: Bool, message: ProviderMessageRef, access: MailboxAccess) async throws {
        _ = try await http.send(
            GraphRequest(.PATCH, meURL("messages", message.id), body: Array(#"{"isRead":\#(isRead)}"#.utf8)),
            access: access)
    }

    /// Every message, drafts included, whose `internetMessageId` is `<messageID>`, Sent Items first.
    func messages(withMessageID messageID: String, access: MailboxAccess) async throws -> [GraphMessage] {
        let quoted = "<\(messageID)>".replacingOccurrences(of: "'", with: "''")
        let page = try await http.json(
            GraphPage<GraphMessage>.self,
            GraphRequest(
                .GET,
                meURL(
                    "messages",
                    query: [
                        ("$filter", "internetMessageId eq '\(quoted)'"),
                        ("$select", "id,conversationId,parentFolderId,isDraft,internetMessageId"),
                    ])),
            access: access)
        let sentItems = await folderCache.wellKnownIDs(for: access.accountID)?["sentitems"]
        return page.value.sorted { ($0.parentFolderId == sentItems ? 0 : 1) < ($1.parentFolderId == sentItems ? 0 : 1) }
    }
}
