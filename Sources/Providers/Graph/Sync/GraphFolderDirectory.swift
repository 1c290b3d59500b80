/// A mailbox's mail folders as the client sees them: every folder (subfolders included), the ids
/// of the well-known folders, and which folders are synced.
///
/// Synced are all folders but Junk Email, Drafts, Outbox and Conversation History (and folders
/// below them), so mail that rules move into subfolders still syncs
/// (https://learn.microsoft.com/graph/api/resources/mailfolder).
struct GraphFolderDirectory: Sendable {
    /// The well-known folder names the client resolves (`GET /me/mailFolders/{name}`).
    static let wellKnownNames = [
        "inbox", "sentitems", "deleteditems", "archive", "junkemail", "drafts", "outbox", "conversationhistory",
    ]
    /// The well-known folders whose messages are never synced.
    static let excludedNames: Set = ["junkemail", "drafts", "outbox", "conversationhistory"]

    /// Every folder, parents before children.
    let folders: [GraphMailFolder]
    /// Well-known name to folder id.
    let wellKnownIDs: [String: String]

    init(folders: [GraphMailFolder], wellKnownIDs: [String: String]) {
        self.folders = folders
        self.wellKnownIDs = wellKnownIDs
    }

    /// The folders whose delta is followed, ordered by id so pages come in a stable order.
    var synced: [GraphMailFolder] {
        let excluded = Set(Self.excludedNames.compactMap { wellKnownIDs[$0] })
        var skipped = Set<String>()
        var result = [GraphMailFolder]()
        for folder in folders {
            if excluded.contains(folder.id) || folder.parentFolderId.map(skipped.contains) == true {
                skipped.insert(folder.id)
            } else {
                result.append(folder)
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    /// Whether the folder is known to this directory.
    func contains(_ folderID: String) -> Bool {
        folders.contains { $0.id == folderID } || wellKnownIDs.values.contains(folderID)
    }

    /// Whether messages in the folder are never synced (Junk, Drafts, Outbox, Conversation History).
    func isExcluded(_ folderID: String) -> Bool {
        guard let name = wellKnownName(of: folderID) else { return false }
        return Self.excludedNames.contains(name)
    }

    /// The folder's well-known name, if it is a well-known folder.
    func wellKnownName(of folderID: String) -> String? {
        wellKnownIDs.first { $0.value == folderID }?.key
    }

    /// The provider-neutral state of a message in `folderID`: its label is the folder's well-known
    /// name or, for other folders, its id.
    func state(folderID: String?, isRead: Bool) -> MessageState {
        let name = folderID.flatMap(wellKnownName(of:))
        return MessageState(
            labels: [name ?? folderID ?? ""].filter { !$0.isEmpty }, isRead: isRead, isSent: name == "sentitems",
            isTrashed: name == "deleteditems")
    }
}
