import Foundation
import Mail

/// One page of `users.history.list`.
struct HistoryPage: Sendable {
    var entries: [HistoryEntry]
    var nextPageToken: String?
    var historyID: UInt64
}

/// One page of `users.messages.list`.
struct MessagePage: Sendable {
    var messages: [EmulatedMessage]
    var nextPageToken: String?
    var resultSizeEstimate: Int
}

extension GoogleWorld {
    /// Delivers an inbound message (from outside the emulated world) into an account's inbox.
    /// Returns nil for an unknown account.
    public func deliver(raw: [UInt8], to email: String, internalDate: Int64? = nil) -> (id: String, threadID: String)? {
        guard let key = accountKey(for: email) else { return nil }
        let message = add(raw: raw, labels: ["INBOX", "UNREAD"], to: key, internalDate: internalDate, thread: nil)
        return (message.id, message.threadID)
    }

    /// Sends as the account's owner (through the API or the control API): the sender's copy keeps
    /// its Bcc and gets SENT; each emulated recipient gets a copy without Bcc in INBOX, unread.
    /// A missing Message-ID or Date is added, as Gmail does.
    func send(raw original: [UInt8], from email: String, threadID: String?) -> EmulatedMessage? {
        guard let key = accountKey(for: email) else { return nil }
        var raw = original
        let parsed = MessageParser().parse(raw)
        if parsed.date == nil {
            raw = RawHeaders.prepending(
                "Date: \(MailDate(timestamp: Int64(now().timeIntervalSince1970), utcOffsetMinutes: 0).rfc5322)", to: raw
            )
        }
        if parsed.messageID == nil {
            raw = RawHeaders.prepending("Message-ID: <\(UUID().uuidString.lowercased())@mail.gmail.com>", to: raw)
        }
        let recipients = Set((parsed.to + parsed.cc + parsed.bcc).compactMap { accountKey(for: $0.address) })
        var labels: Set<String> = ["SENT"]
        if recipients.contains(key) { labels.formUnion(["INBOX", "UNREAD"]) }
        let sent = add(raw: raw, labels: labels, to: key, internalDate: nil, thread: threadID)
        let delivered = RawHeaders.removing("Bcc", from: raw)
        for recipient in recipients.sorted() where recipient != key {
            _ = add(raw: delivered, labels: ["INBOX", "UNREAD"], to: recipient, internalDate: nil, thread: nil)
        }
        return sent
    }

    /// Adds and removes labels as the owner or an API client; nil for an unknown message.
    func modify(_ id: String, of email: String, add: [String], remove: [String]) -> EmulatedMessage? {
        guard let key = accountKey(for: email),
            let message = accounts[key]?.mailbox.modify(id, add: add, remove: remove)
        else { return nil }
        afterChange(key, labels: message.labels.union(add).union(remove))
        return message
    }

    /// Moves a message to the trash (Gmail removes no other label).
    func trash(_ id: String, of email: String) -> EmulatedMessage? {
        modify(id, of: email, add: ["TRASH"], remove: [])
    }

    /// Deletes a message for good; false for an unknown one.
    func delete(_ id: String, of email: String) -> Bool {
        guard let key = accountKey(for: email), let labels = accounts[key]?.mailbox.messages[id]?.labels,
            accounts[key]?.mailbox.delete(id) == true
        else { return false }
        afterChange(key, labels: labels)
        return true
    }

    /// Forgets an account's history: every older start id then answers 404.
    @discardableResult
    public func expireHistory(of email: String) -> Bool {
        guard let key = accountKey(for: email) else { return false }
        accounts[key]?.mailbox.expireHistory()
        return true
    }

    func message(_ id: String, of email: String) -> EmulatedMessage? {
        accountKey(for: email).flatMap { accounts[$0]?.mailbox.messages[id] }
    }

    func account(_ email: String) -> EmulatedAccount? {
        accountKey(for: email).flatMap { accounts[$0] }
    }

    /// Every message of a mailbox, oldest first.
    func messages(of email: String) -> [EmulatedMessage]? {
        guard let mailbox = account(email)?.mailbox else { return nil }
        return mailbox.arrivalOrder.compactMap { mailbox.messages[$0] }
    }

    /// `users.history.list`: records after `start`; nil when `start` is below the expired floor.
    func history(
        of email: String, after start: UInt64, pageToken: String?, types: Set<String>, labelID: String?, maxResults: Int
    ) -> HistoryPage? {
        guard let mailbox = account(email)?.mailbox, start >= mailbox.historyFloor else { return nil }
        let resumeAfter = pageToken.flatMap { UInt64($0.dropFirst()) } ?? start
        let matching = mailbox.history.filter { entry in
            entry.id > resumeAfter && (types.isEmpty || types.contains(entry.change.typeName))
                && (labelID.map { label in entry.labelsAfter.contains(label) || changedLabels(entry).contains(label) }
                    ?? true)
        }
        let page = Array(matching.prefix(maxResults))
        let next = matching.count > page.count ? page.last.map { "h\($0.id)" } : nil
        return HistoryPage(entries: page, nextPageToken: next, historyID: mailbox.historyID)
    }

    /// `users.messages.list`: newest first, spam and trash left out unless asked for.
    func list(
        of email: String, query: String?, labelIDs: [String], includeSpamTrash: Bool, maxResults: Int,
        pageToken: String?
    ) -> MessagePage? {
        guard let mailbox = account(email)?.mailbox else { return nil }
        let search = GmailSearch(query)
        let matching = mailbox.messages.values
            .filter { message in
                (includeSpamTrash || search.mentionsTrashOrSpam || message.labels.isDisjoint(with: ["SPAM", "TRASH"]))
                    && labelIDs.allSatisfy(message.labels.contains) && search.matches(message)
            }
            .sorted { ($0.internalDate, $0.id) > ($1.internalDate, $1.id) }
        let offset = pageToken.flatMap(Int.init) ?? 0
        let page = Array(matching.dropFirst(offset).prefix(maxResults))
        let next = offset + page.count < matching.count ? String(offset + page.count) : nil
        return MessagePage(messages: page, nextPageToken: next, resultSizeEstimate: matching.count)
    }

    /// `users.watch`; returns the current history id and the expiration (epoch ms).
    func watch(_ email: String, topic: String, labelIDs: [String], include: Bool) -> (
        historyID: UInt64, expiration: Int64
    )? {
        guard let key = accountKey(for: email), let account = accounts[key] else { return nil }
        let expiration = nowMillis + Int64(settings.watchLifetime) * 1000
        accounts[key]?.watch = EmulatedAccount.Watch(
            topic: topic, labelIds: Set(labelIDs), include: include, expiration: expiration)
        return (account.mailbox.historyID, expiration)
    }

    /// `users.stop`.
    func stopWatch(_ email: String) {
        guard let key = accountKey(for: email) else { return }
        accounts[key]?.watch = nil
    }

    private func add(raw: [UInt8], labels: Set<String>, to key: String, internalDate: Int64?, thread: String?)
        -> EmulatedMessage
    {
        let message = accounts[key]!.mailbox.add(
            raw: raw, labels: labels, internalDate: internalDate ?? nowMillis, requestedThread: thread)
        afterChange(key, labels: labels)
        return message
    }

    private func changedLabels(_ entry: HistoryEntry) -> [String] {
        switch entry.change {
        case .labelsAdded(let labels), .labelsRemoved(let labels): labels
        case .messageAdded, .messageDeleted: []
        }
    }

    /// Trims history to the retention and pushes a notification when a watch covers the change.
    private func afterChange(_ key: String, labels: Set<String>) {
        accounts[key]?.mailbox.trimHistory(keeping: settings.historyRetention)
        guard let account = accounts[key], let watch = account.watch, watch.expiration > nowMillis,
            let configuration = pubSub[watch.topic]
        else { return }
        let covered = watch.labelIds.isEmpty || (watch.include != labels.isDisjoint(with: watch.labelIds))
        guard covered else { return }
        pusher?.push(email: account.email, historyID: account.mailbox.historyID, to: configuration)
    }
}
