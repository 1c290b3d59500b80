extension GraphClient {
    /// The mailbox's folders, from the cache while it is younger than `folderRefreshInterval`.
    ///
    /// Lists `GET /me/mailFolders` and, below each folder with children, `GET .../childFolders`
    /// (https://learn.microsoft.com/graph/api/user-list-mailfolders,
    /// https://learn.microsoft.com/graph/api/mailfolder-list-childfolders); resolves the well-known
    /// folders once by name (`GET /me/mailFolders/sentitems`, https://learn.microsoft.com/graph/api/resources/mailfolder).
    func folderDirectory(access: MailboxAccess) async throws -> GraphFolderDirectory {
        if let cached = await folderCache.directory(for: access.accountID, maxAge: options.folderRefreshInterval) {
            return cached
        }
        let wellKnown: [String: String]
        if let known = await folderCache.wellKnownIDs(for: access.accountID) {
            wellKnown = known
        } else {
            wellKnown = try await wellKnownFolderIDs(access: access)
        }
        var folders = [GraphMailFolder]()
        var pending = try await listFolders(meURL("mailFolders", query: folderQuery), access: access)
        while !pending.isEmpty {
            let folder = pending.removeFirst()
            folders.append(folder)
            if (folder.childFolderCount ?? 0) > 0 {
                pending += try await listFolders(
                    meURL("mailFolders", folder.id, "childFolders", query: folderQuery), access: access)
            }
        }
        let directory = GraphFolderDirectory(folders: folders, wellKnownIDs: wellKnown)
        await folderCache.store(directory, for: access.accountID)
        return directory
    }

    private var folderQuery: [(String, String)] {
        [("$top", "100"), ("$select", "id,displayName,parentFolderId,childFolderCount")]
    }

    private func listFolders(_ url: String, access: MailboxAccess) async throws -> [GraphMailFolder] {
        var folders = [GraphMailFolder]()
        var next: String? = url
        while let url = next {
            let page = try await http.json(GraphPage<GraphMailFolder>.self, GraphRequest(.GET, url), access: access)
            folders += page.value
            next = try page.nextLink.map(checkedLink)
        }
        return folders
    }

    /// The ids of the well-known folders the mailbox has (a mailbox may lack Archive or
    /// Conversation History).
    private func wellKnownFolderIDs(access: MailboxAccess) async throws -> [String: String] {
        var ids = [String: String]()
        for name in GraphFolderDirectory.wellKnownNames {
            do {
                let folder = try await http.json(
                    GraphMailFolder.self, GraphRequest(.GET, meURL("mailFolders", name, query: [("$select", "id")])),
                    access: access)
                ids[name] = folder.id
            } catch let error as ProviderError where error.code == .notFound {
                continue
            }
        }
        return ids
    }
}
