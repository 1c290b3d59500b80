import Foundation
import Mail

/// One emulated Exchange mailbox as a value: folders, messages and a change log that delta
/// queries and change notifications read. Every change returns what it changed, so the caller can
/// notify subscribers.
struct OutlookMailbox: Sendable {
    /// A change to one message, for change notifications.
    struct Change: Sendable, Hashable {
        enum Kind: String, Sendable {
            case created, updated, deleted
        }

        var kind: Kind
        var immutableID: String
        var restID: String
        /// The folder the change happened in (for a move: left, then entered).
        var folderID: String
        /// Whether this is one half of a move.
        var isMove = false
    }

    /// A change-log record: the message entered, changed in, or left `folderID`.
    private struct Record: Sendable {
        var seq: Int
        var folderID: String
        var key: Int
        var immutableID: String
        var restID: String
    }

    let account: OutlookAccount
    private(set) var folders: [OutlookFolder] = []
    private(set) var messages: [Int: OutlookMessage] = [:]
    private var keyByID: [String: Int] = [:]
    private var log: [Record] = []
    private var seq = 0
    private var nextKey = 1
    var deltaTokens: [String: GraphDeltaToken] = [:]
    /// Bumped to expire every delta and skip token at once.
    var deltaGeneration = 0

    /// The well-known folders Exchange creates, with their display names.
    static let wellKnownFolders = [
        ("inbox", "Inbox"), ("drafts", "Drafts"), ("sentitems", "Sent Items"), ("deleteditems", "Deleted Items"),
        ("junkemail", "Junk Email"), ("outbox", "Outbox"), ("archive", "Archive"),
        ("conversationhistory", "Conversation History"),
    ]

    init(account: OutlookAccount) {
        self.account = account
        let root = OutlookFolder(
            id: OutlookIDs.folder(), displayName: "Top of Information Store", wellKnownName: "msgfolderroot")
        folders.append(root)
        for (name, displayName) in Self.wellKnownFolders {
            folders.append(
                OutlookFolder(
                    id: OutlookIDs.folder(), displayName: displayName, parentFolderID: root.id, wellKnownName: name))
        }
    }

    // MARK: Folders

    var root: OutlookFolder { folders[0] }

    /// A folder by id or well-known name.
    func folder(_ idOrName: String) -> OutlookFolder? {
        folders.first { $0.id == idOrName || $0.wellKnownName == idOrName.lowercased() }
    }

    /// The id of a well-known folder, which every emulated mailbox has.
    func wellKnownFolderID(_ name: String) -> String {
        folders.first { $0.wellKnownName == name }?.id ?? root.id
    }

    func children(of folderID: String) -> [OutlookFolder] {
        folders.filter { $0.parentFolderID == folderID }
    }

    mutating func createFolder(displayName: String, parentID: String) -> OutlookFolder {
        let folder = OutlookFolder(id: OutlookIDs.folder(), displayName: displayName, parentFolderID: parentID)
        folders.append(folder)
        return folder
    }

    func messages(in folderID: String) -> [OutlookMessage] {
        messages.values.filter { $0.folderID == folderID }.sorted {
            $0.receivedAt > $1.receivedAt || ($0.receivedAt == $1.receivedAt && $0.key > $1.key)
        }
    }

    // MARK: Messages

    /// The message with this immutable or current REST id.
    func message(_ id: String) -> OutlookMessage? {
        keyByID[id].flatMap { messages[$0] }
    }

    /// The messages whose Message-ID (with brackets) is `internetMessageID`.
    func messages(withInternetMessageID internetMessageID: String) -> [OutlookMessage] {
        messages.values.filter { $0.internetMessageID == internetMessageID }.sorted { $0.key < $1.key }
    }

    /// The conversation a message with these threading headers joins: the one of any message it
    /// refers to, else a new one.
    func conversation(inReplyTo: [String], references: [String]) -> String {
        let referred = Set((inReplyTo + references).map { "<\($0)>" })
        return messages.values.sorted { $0.key < $1.key }.first { referred.contains($0.internetMessageID) }?
            .conversationID ?? OutlookIDs.conversation()
    }

    /// Stores a message in a folder.
    mutating func insert(
        raw: [UInt8], folderID: String, isRead: Bool, isDraft: Bool, conversationID: String? = nil, now: Date
    ) -> (OutlookMessage, Change) {
        let parsed = MessageParser().parse(raw)
        let conversation = conversationID ?? conversation(inReplyTo: parsed.inReplyTo, references: parsed.references)
        let message = OutlookMessage(
            key: nextKey, raw: raw, folderID: folderID, conversationID: conversation, isRead: isRead, isDraft: isDraft,
            now: now)
        nextKey += 1
        messages[message.key] = message
        keyByID[message.immutableID] = message.key
        keyByID[message.restID] = message.key
        record(message)
        return (
            message,
            Change(kind: .created, immutableID: message.immutableID, restID: message.restID, folderID: folderID)
        )
    }

    /// Changes a message in place (read state, attachments, draft content).
    mutating func update(_ key: Int, now: Date, _ change: (inout OutlookMessage) -> Void) -> Change? {
        guard var message = messages[key] else { return nil }
        change(&message)
        message.changeCount += 1
        message.modifiedAt = now
        messages[key] = message
        record(message)
        return Change(
            kind: .updated, immutableID: message.immutableID, restID: message.restID, folderID: message.folderID)
    }

    /// Moves a message: it leaves its folder (delta reports `@removed` there) and enters the other
    /// under a new REST id; its immutable id stays.
    mutating func move(_ key: Int, to folderID: String, now: Date) -> [Change] {
        guard var message = messages[key], message.folderID != folderID else { return [] }
        record(message, folderID: message.folderID)
        let old = Change(
            kind: .deleted, immutableID: message.immutableID, restID: message.restID, folderID: message.folderID,
            isMove: true)
        keyByID[message.restID] = nil
        message.restID = OutlookIDs.restMessage()
        message.folderID = folderID
        message.changeCount += 1
        message.modifiedAt = now
        keyByID[message.restID] = key
        messages[key] = message
        record(message)
        return [
            old,
            Change(
                kind: .created, immutableID: message.immutableID, restID: message.restID, folderID: folderID,
                isMove: true),
        ]
    }

    /// Removes a message from the mailbox for good.
    mutating func remove(_ key: Int) -> Change? {
        guard let message = messages.removeValue(forKey: key) else { return nil }
        keyByID[message.immutableID] = nil
        keyByID[message.restID] = nil
        record(message, folderID: message.folderID)
        return Change(
            kind: .deleted, immutableID: message.immutableID, restID: message.restID, folderID: message.folderID)
    }

    private mutating func record(_ message: OutlookMessage, folderID: String? = nil) {
        seq += 1
        log.append(
            Record(
                seq: seq, folderID: folderID ?? message.folderID, key: message.key, immutableID: message.immutableID,
                restID: message.restID))
    }

    // MARK: Delta

    /// One page of `GET /me/mailFolders/{id}/messages/delta`
    /// (https://learn.microsoft.com/graph/delta-query-messages): with no token, every message of
    /// the folder; with a delta token, the messages that entered, changed in or left it since.
    mutating func deltaPage(
        folderID: String, token: String?, select: [String]?, pageSize: Int, lifetime: TimeInterval, now: Date
    ) -> GraphDeltaPage? {
        var state: GraphDeltaToken
        if let token {
            guard let known = deltaTokens[token], known.folderID == folderID, known.generation == deltaGeneration,
                known.issuedAt.addingTimeInterval(lifetime) > now
            else { return nil }
            state = known
            if case .delta(let since) = state.phase {
                state.phase = .paging(remaining: changedEntries(in: folderID, since: since), anchor: seq)
            }
        } else {
            let entries = messages(in: folderID).map {
                GraphDeltaToken.Entry(key: $0.key, immutableID: $0.immutableID, restID: $0.restID)
            }
            state = GraphDeltaToken(
                folderID: folderID, select: select, generation: deltaGeneration, issuedAt: now,
                phase: .paging(remaining: entries, anchor: seq))
        }
        guard case .paging(let remaining, let anchor) = state.phase else { return nil }
        let page = Array(remaining.prefix(max(1, pageSize)))
        let rest = Array(remaining.dropFirst(page.count))
        let items = page.map { entry -> GraphDeltaPage.Item in
            if let message = messages[entry.key], message.folderID == folderID { return .present(message) }
            return .removed(immutableID: entry.immutableID, restID: entry.restID)
        }
        let newToken = OutlookIDs.token()
        var next = state
        next.issuedAt = now
        next.phase = rest.isEmpty ? .delta(since: anchor) : .paging(remaining: rest, anchor: anchor)
        deltaTokens[newToken] = next
        return GraphDeltaPage(items: items, select: state.select, token: newToken, isLast: rest.isEmpty)
    }

    /// The messages with records in the folder after `since`, ordered by their last record.
    private func changedEntries(in folderID: String, since: Int) -> [GraphDeltaToken.Entry] {
        var last = [Int: (seq: Int, entry: GraphDeltaToken.Entry)]()
        for record in log where record.seq > since && record.folderID == folderID {
            last[record.key] = (
                record.seq,
                GraphDeltaToken.Entry(key: record.key, immutableID: record.immutableID, restID: record.restID)
            )
        }
        return last.values.sorted { $0.seq < $1.seq }.map(\.entry)
    }
}
