/// A mail folder of an emulated mailbox
/// (https://learn.microsoft.com/graph/api/resources/mailfolder).
struct OutlookFolder: Sendable, Hashable {
    var id: String
    var displayName: String
    /// Nil only for the root (`msgfolderroot`).
    var parentFolderID: String?
    /// `inbox`, `sentitems`, ... for the well-known folders.
    var wellKnownName: String?
}
