/// The properties of a Graph `mailFolder` the client reads
/// (https://learn.microsoft.com/graph/api/resources/mailfolder).
struct GraphMailFolder: Decodable, Sendable {
    var id: String
    var displayName: String?
    var parentFolderId: String?
    var childFolderCount: Int?
}
