extension GraphClient {
    /// The message properties every delta round selects; the selection is encoded in the links
    /// Graph returns (https://learn.microsoft.com/graph/delta-query-messages#use-query-parameters-in-a-delta-query-for-messages).
    static let deltaSelect = "id,conversationId,parentFolderId,isRead"

    /// Walks every synced folder's delta to its end and keeps the delta links: changes after now,
    /// nothing before (https://learn.microsoft.com/graph/api/message-delta).
    public func currentCursor(access: MailboxAccess) async throws -> MailboxCursor {
        let directory = try await folderDirectory(access: access)
        var cursor = MailboxCursor(positions: [:])
        for folder in directory.synced {
            var url = initialDeltaURL(folder.id)
            while true {
                let page = try await deltaPage(url, access: access, pageSize: options.cursorPageSize)
                if let deltaLink = page.deltaLink {
                    cursor[folder.id] = try checkedLink(deltaLink)
                    break
                }
                guard let next = page.nextLink else { break }
                url = try checkedLink(next)
            }
        }
        return cursor
    }

    /// One bounded page of changes across the synced folders (`GET .../messages/delta` per folder,
    /// following `@odata.nextLink`, keeping `@odata.deltaLink`;
    /// https://learn.microsoft.com/graph/delta-query-messages). A folder new since the cursor is
    /// enumerated from its start, so mail a rule moved into a new subfolder is found; an id that
    /// left a folder is looked up before it is called deleted. A delta token Graph no longer holds
    /// (410 `SyncStateNotFound`) throws `cursorExpired`. A message found in a folder the directory
    /// does not know yet ends the page as incomplete, so the next page, with the folder list read
    /// again, walks that folder at once instead of after the next folder refresh.
    public func changes(since cursor: MailboxCursor, access: MailboxAccess) async throws -> MailboxChanges {
        let directory = try await folderDirectory(access: access)
        var foundNewFolder = false
        var round = DeltaRound(
            folderIDs: directory.synced.map(\.id), cursor: cursor, budget: options.pageSize,
            initialURL: initialDeltaURL)
        while true {
            switch round.next() {
            case .fetch(let folderID, let url):
                let page = try await deltaPage(try checkedLink(url), access: access, pageSize: options.pageSize)
                let present = page.value.filter { $0.removed == nil }.map { entry($0, defaultFolder: folderID) }
                round.received(
                    entries: present, removedIDs: page.value.filter { $0.removed != nil }.map(\.id),
                    nextLink: page.nextLink, deltaLink: page.deltaLink)
            case .resolve(let ids):
                let found = try await lookUp(ids, access: access)
                if found.contains(where: { !directory.contains($0.folderID) }) {
                    await folderCache.expire(access.accountID)
                    foundNewFolder = true
                }
                round.resolved(asked: ids, found: found)
            case .finish(let outcome):
                var changes = changes(from: outcome, directory: directory)
                if foundNewFolder { changes.isComplete = false }
                return changes
            }
        }
    }

    private func initialDeltaURL(_ folderID: String) -> String {
        meURL("mailFolders", folderID, "messages", "delta", query: [("$select", Self.deltaSelect)])
    }

    /// `GET {url}` with `Prefer: odata.maxpagesize` (https://learn.microsoft.com/graph/api/message-delta#request-headers).
    private func deltaPage(_ url: String, access: MailboxAccess, pageSize: Int) async throws -> GraphPage<GraphMessage>
    {
        try await http.json(
            GraphPage<GraphMessage>.self, GraphRequest(.GET, url, preferences: ["odata.maxpagesize=\(pageSize)"]),
            access: access)
    }

    /// `GET /me/messages/{id}?$select=...` for ids that left a folder: the ones that still exist
    /// (https://learn.microsoft.com/graph/api/message-get).
    private func lookUp(_ ids: [String], access: MailboxAccess) async throws -> [DeltaRound.Entry] {
        try await withThrowingTaskGroup(of: DeltaRound.Entry?.self) { group in
            for id in ids {
                group.addTask {
                    do {
                        let message = try await http.json(
                            GraphMessage.self,
                            GraphRequest(.GET, meURL("messages", id, query: [("$select", Self.deltaSelect)])),
                            access: access)
                        return entry(message, defaultFolder: "")
                    } catch let error as ProviderError where error.code == .notFound {
                        return nil
                    }
                }
            }
            var found = [DeltaRound.Entry]()
            for try await entry in group {
                if let entry { found.append(entry) }
            }
            let order = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
            return found.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }
        }
    }

    private func entry(_ message: GraphMessage, defaultFolder: String) -> DeltaRound.Entry {
        DeltaRound.Entry(
            id: message.id, conversationID: message.conversationId, folderID: message.parentFolderId ?? defaultFolder,
            isRead: message.isRead ?? false)
    }

    /// Graph cannot tell a read-state change from another update, so every changed message's
    /// current read state is reported too; applying it again is harmless.
    private func changes(from outcome: DeltaRound.Outcome, directory: GraphFolderDirectory) -> MailboxChanges {
        var changed = [ChangedMessage]()
        var readStates = [ReadStateChange]()
        for entry in outcome.changed {
            let reference = ProviderMessageRef(id: entry.id, threadID: entry.conversationID)
            changed.append(
                ChangedMessage(
                    message: reference, state: directory.state(folderID: entry.folderID, isRead: entry.isRead)))
            readStates.append(ReadStateChange(message: reference, isRead: entry.isRead))
        }
        return MailboxChanges(
            changed: changed, deleted: outcome.deleted.map { ProviderMessageRef(id: $0, threadID: nil) },
            readStateChanges: readStates, nextCursor: MailboxCursor(positions: outcome.positions),
            isComplete: outcome.isComplete)
    }
}
