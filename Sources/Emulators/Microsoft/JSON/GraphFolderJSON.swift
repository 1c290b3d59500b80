/// A mail folder as Graph renders it (https://learn.microsoft.com/graph/api/resources/mailfolder).
struct GraphFolderJSON: Encodable, Sendable {
    var id: String
    var displayName: String
    var parentFolderId: String?
    var childFolderCount: Int
    var unreadItemCount: Int
    var totalItemCount: Int
    var isHidden: Bool

    init(_ folder: OutlookFolder, in mailbox: OutlookMailbox) {
        let messages = mailbox.messages(in: folder.id)
        id = folder.id
        displayName = folder.displayName
        parentFolderId = folder.parentFolderID
        childFolderCount = mailbox.children(of: folder.id).count
        unreadItemCount = messages.filter { !$0.isRead }.count
        totalItemCount = messages.count
        isHidden = false
    }
}
