import Foundation

extension GmailProvider {
    /// The address (`users.getProfile`) and the verified send-as aliases
    /// (`users.settings.sendAs.list`).
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.settings.sendAs/list
    public func profile(access: MailboxAccess) async throws -> ProviderProfile {
        let profile = try decode(
            GmailProfile.self, try await call(.getProfile, .GET, apiURL("profile"), access: access).body)
        let sendAs = try decode(
            GmailSendAsList.self, try await call(.sendAsList, .GET, apiURL("settings/sendAs"), access: access).body)
        let aliases = (sendAs.sendAs ?? [])
            .filter { !($0.isPrimary ?? false) && ($0.verificationStatus ?? "accepted") == "accepted" }
            .map(\.sendAsEmail)
            .filter { $0.lowercased() != profile.emailAddress.lowercased() }
        return ProviderProfile(address: profile.emailAddress, aliases: aliases)
    }

    /// The mailbox's current history id, from `users.getProfile`.
    public func currentCursor(access: MailboxAccess) async throws -> MailboxCursor {
        let profile = try decode(
            GmailProfile.self, try await call(.getProfile, .GET, apiURL("profile"), access: access).body)
        return GmailCursor(historyID: profile.historyId.value, pageToken: nil).cursor
    }

    /// `users.watch` on INBOX and SENT, publishing to the configured Pub/Sub topic. Google keeps one
    /// watch per mailbox and asks for a renewal at least every 7 days.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/watch
    /// https://developers.google.com/workspace/gmail/api/guides/push
    public func startPush(_ target: PushTarget, access: MailboxAccess) async throws -> PushSubscription {
        guard let topic = configuration.pushTopic else {
            throw ProviderError(.permanent, providerCode: "pushNotConfigured")
        }
        let body = GmailWatchRequest(topicName: topic, labelIds: Self.watchedLabels, labelFilterBehavior: "INCLUDE")
        let response = try decode(
            GmailWatchResponse.self, try await call(.watch, .POST, apiURL("watch"), json: body, access: access).body)
        return PushSubscription(
            ids: [], expiresAt: Date(timeIntervalSince1970: Double(response.expiration.value) / 1000),
            cursor: GmailCursor(historyID: response.historyId.value, pageToken: nil).cursor)
    }

    /// Renewing a Gmail watch is calling `users.watch` again.
    public func renewPush(_ subscription: PushSubscription, target: PushTarget, access: MailboxAccess) async throws
        -> PushSubscription
    {
        try await startPush(target, access: access)
    }

    /// `users.stop`.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/stop
    public func stopPush(_ subscription: PushSubscription, access: MailboxAccess) async throws {
        _ = try await call(.stop, .POST, apiURL("stop"), access: access)
    }

    /// One page of `users.history.list` after the cursor's history id; a 404 means the history id
    /// is too old (or unknown) and becomes `cursorExpired`.
    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.history/list
    /// https://developers.google.com/workspace/gmail/api/guides/sync#partial_synchronization
    public func changes(since cursor: MailboxCursor, access: MailboxAccess) async throws -> MailboxChanges {
        let position = try GmailCursor(cursor)
        var query: [(String, String)] = [
            ("startHistoryId", String(position.historyID)), ("maxResults", String(historyPageSize)),
        ]
        for type in ["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"] {
            query.append(("historyTypes", type))
        }
        if let pageToken = position.pageToken { query.append(("pageToken", pageToken)) }
        let reply: HTTPReply
        do {
            reply = try await call(.historyList, .GET, apiURL("history", query: query), access: access)
        } catch let error as ProviderError where error.code == .notFound {
            throw ProviderError(.cursorExpired, providerCode: error.providerCode, httpStatus: error.httpStatus)
        }
        let page = try decode(GmailHistoryList.self, reply.body)
        var changes = GmailHistoryReader.read(page.history ?? [])
        if let next = page.nextPageToken {
            changes.nextCursor = GmailCursor(historyID: position.historyID, pageToken: next).cursor
            changes.isComplete = false
        } else {
            changes.nextCursor = GmailCursor(historyID: page.historyId.value, pageToken: nil).cursor
            changes.isComplete = true
        }
        return changes
    }
}
