import Foundation

/// The control API in Swift: what `/emulator/microsoft/...` offers over HTTP.
extension MicrosoftEmulatorState {
    // MARK: Accounts and consent

    /// Creates an account with an empty mailbox (the well-known folders only).
    @discardableResult
    public func createAccount(address: String, displayName: String? = nil, aliases: [String] = [])
        -> MicrosoftEmulatorAccount
    {
        let account = OutlookAccount(
            id: UUID().uuidString.lowercased(), tenantID: "9188040d-6c67-4c5b-b112-36a304b66dad", address: address,
            displayName: displayName ?? address, aliases: aliases)
        mailboxes[account.id] = OutlookMailbox(account: account)
        accountOrder.append(account.id)
        return Self.publicAccount(account)
    }

    /// Every account, in creation order.
    public func accounts() -> [MicrosoftEmulatorAccount] {
        accountOrder.compactMap { mailboxes[$0]?.account }.map(Self.publicAccount)
    }

    /// How the consent page answers from now on.
    public func setConsent(_ consent: MicrosoftEmulatorConsent) {
        self.consent = consent
    }

    /// Makes the next token request fail with `invalid_grant` and this AADSTS code
    /// (65001: consent missing).
    public func failNextTokenRequest(aadstsCode: Int = 65001) {
        pendingTokenFailures.append(aadstsCode)
    }

    /// Revokes every refresh token of the account (its next refresh gets `invalid_grant`).
    public func revokeGrant(account: String) throws {
        let id = try accountID(for: account)
        refreshTokens = refreshTokens.filter { $0.value.accountID != id }
    }

    /// Makes every access token of the account expired (Graph answers 401 until a refresh).
    public func expireAccessTokens(account: String) throws {
        let id = try accountID(for: account)
        for (token, grant) in accessTokens where grant.accountID == id {
            accessTokens[token]?.expiresAt = .distantPast
        }
    }

    // MARK: Mailbox

    /// Creates a folder under `parent` (an id or well-known name; the root when nil).
    @discardableResult
    public func createFolder(account: String, displayName: String, parent: String? = nil) async throws -> String {
        try await mutate(try accountID(for: account)) { mailbox in
            guard let parentFolder = parent.map(mailbox.folder) ?? mailbox.root else {
                throw MicrosoftEmulatorError(.unknownFolder)
            }
            return (mailbox.createFolder(displayName: displayName, parentID: parentFolder.id).id, [])
        }
    }

    /// Delivers inbound mail to the mailbox (Inbox unless `folder` says otherwise).
    @discardableResult
    public func deliver(_ raw: [UInt8], to account: String, folder: String = "inbox", isRead: Bool = false)
        async throws -> MicrosoftEmulatorMessage
    {
        Self.publicMessage(
            try await deliverMessage(raw, to: try accountID(for: account), folder: folder, isRead: isRead))
    }

    /// Sends MIME as the mailbox owner would in Outlook.
    @discardableResult
    public func send(_ raw: [UInt8], from account: String) async throws -> MicrosoftEmulatorMessage {
        Self.publicMessage(try await sendMessage(raw, from: try accountID(for: account)))
    }

    /// Replies to a message as the mailbox owner would in Outlook.
    @discardableResult
    public func reply(to messageID: String, in account: String, text: String) async throws -> MicrosoftEmulatorMessage {
        let id = try accountID(for: account)
        return Self.publicMessage(try await replyAsOwner(to: try key(of: messageID, in: id), in: id, text: text))
    }

    /// Marks a message read or unread as the owner.
    public func setRead(_ isRead: Bool, messageID: String, in account: String) async throws {
        let id = try accountID(for: account)
        let key = try key(of: messageID, in: id)
        try await mutate(id) { mailbox in
            ((), mailbox.update(key, now: Date()) { $0.isRead = isRead }.map { [$0] } ?? [])
        }
    }

    /// Moves a message to a folder (id or well-known name) as the owner or a rule would.
    public func move(messageID: String, in account: String, to folder: String) async throws {
        let id = try accountID(for: account)
        let key = try key(of: messageID, in: id)
        try await mutate(id) { mailbox in
            guard let target = mailbox.folder(folder) else { throw MicrosoftEmulatorError(.unknownFolder) }
            return ((), mailbox.move(key, to: target.id, now: Date()))
        }
    }

    /// Deletes a message as the owner: to Deleted Items, or for good (`permanently`, or when it is
    /// already in Deleted Items).
    public func delete(messageID: String, in account: String, permanently: Bool = false) async throws {
        let id = try accountID(for: account)
        let key = try key(of: messageID, in: id)
        try await mutate(id) { mailbox in
            let deletedItems = mailbox.wellKnownFolderID("deleteditems")
            if permanently || mailbox.messages[key]?.folderID == deletedItems {
                return ((), mailbox.remove(key).map { [$0] } ?? [])
            }
            return ((), mailbox.move(key, to: deletedItems, now: Date()))
        }
    }

    /// Every folder of the mailbox with its messages.
    public func mailbox(of account: String) throws -> [MicrosoftEmulatorFolder] {
        let mailbox = try mailbox(try accountID(for: account))
        return mailbox.folders.map { folder in
            MicrosoftEmulatorFolder(
                id: folder.id, displayName: folder.displayName, parentFolderID: folder.parentFolderID,
                wellKnownName: folder.wellKnownName, messages: mailbox.messages(in: folder.id).map(Self.publicMessage))
        }
    }

    /// One message by immutable or REST id.
    public func message(_ messageID: String, in account: String) throws -> MicrosoftEmulatorMessage {
        let mailbox = try mailbox(try accountID(for: account))
        guard let message = mailbox.message(messageID) else { throw MicrosoftEmulatorError(.unknownMessage) }
        return Self.publicMessage(message)
    }

    /// The MIME `GET /me/messages/{id}/$value` returns.
    public func rawMessage(_ messageID: String, in account: String) throws -> [UInt8] {
        let mailbox = try mailbox(try accountID(for: account))
        guard let message = mailbox.message(messageID) else { throw MicrosoftEmulatorError(.unknownMessage) }
        return message.mime
    }

    /// The id of a folder by well-known name or id.
    public func folderID(_ folder: String, in account: String) throws -> String {
        guard let found = try mailbox(try accountID(for: account)).folder(folder) else {
            throw MicrosoftEmulatorError(.unknownFolder)
        }
        return found.id
    }

    // MARK: Faults and traffic

    /// Queues a fault for the mailbox's next Graph requests (latency applies until set to 0).
    public func inject(_ fault: MicrosoftEmulatorFault, account: String) throws {
        let id = try accountID(for: account)
        if fault.kind == .latency {
            latency[id] = (fault.milliseconds ?? 0, fault.pathSuffix)
        } else {
            faults[id, default: []].append(fault)
        }
    }

    /// Expires every delta and skip token of the mailbox: their next use answers 410 `SyncStateNotFound`.
    public func expireDeltaTokens(account: String) async throws {
        try await mutate(try accountID(for: account)) { mailbox in
            mailbox.deltaGeneration += 1
            return ((), [])
        }
    }

    /// The mailbox's Graph traffic so far.
    public func stats(account: String) throws -> MicrosoftEmulatorStats {
        stats[try accountID(for: account)] ?? MicrosoftEmulatorStats()
    }

    // MARK: Subscriptions

    /// Every subscription the emulator holds.
    public func allSubscriptions() -> [MicrosoftEmulatorSubscription] {
        subscriptions.values.sorted { $0.id < $1.id }
    }

    /// Posts a lifecycle notification (`reauthorizationRequired`, `subscriptionRemoved`, `missed`)
    /// to the subscription's lifecycle URL; `subscriptionRemoved` also removes it.
    public func sendLifecycleEvent(_ event: String, subscriptionID: String) async throws {
        guard let subscription = subscriptions[subscriptionID] else {
            throw MicrosoftEmulatorError(.unknownSubscription)
        }
        if event == "subscriptionRemoved" { subscriptions[subscriptionID] = nil }
        guard let url = subscription.lifecycleNotificationURL else { return }
        let tenant = mailboxes[subscription.accountID]?.account.tenantID ?? ""
        await outbox.enqueue(
            GraphNotificationJSON(lifecycleEvent: event, subscription: subscription, tenantID: tenant), to: url)
    }

    /// The notification POSTs made so far, oldest first.
    public func notificationDeliveries() async -> [MicrosoftEmulatorDelivery] {
        await outbox.deliveries
    }

    // MARK: Helpers

    func key(of messageID: String, in accountID: String) throws -> Int {
        guard let message = try mailbox(accountID).message(messageID) else {
            throw MicrosoftEmulatorError(.unknownMessage)
        }
        return message.key
    }

    static func publicMessage(_ message: OutlookMessage) -> MicrosoftEmulatorMessage {
        MicrosoftEmulatorMessage(
            id: message.immutableID, restID: message.restID, folderID: message.folderID,
            conversationID: message.conversationID, internetMessageID: message.internetMessageID,
            subject: message.subject,
            isRead: message.isRead, isDraft: message.isDraft)
    }
}
