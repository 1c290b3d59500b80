/// A file added to a draft through `POST .../attachments` or an upload session.
struct OutlookAttachment: Sendable, Hashable {
    var id: String
    var name: String
    var contentType: String
    var isInline: Bool
    var contentID: String?
    var bytes: [UInt8]
}
