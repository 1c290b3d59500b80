/// A file attachment as Graph renders it (https://learn.microsoft.com/graph/api/resources/fileattachment),
/// without its `contentBytes`.
struct AttachmentJSON: Encodable, Sendable {
    var odataType = "#microsoft.graph.fileAttachment"
    var id: String
    var name: String
    var contentType: String
    var size: Int
    var isInline: Bool
    var contentId: String?

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case id, name, contentType, size, isInline, contentId
    }

    init(_ attachment: EmulatedAttachment) {
        id = attachment.id
        name = attachment.name
        contentType = attachment.contentType
        size = attachment.bytes.count
        isInline = attachment.isInline
        contentId = attachment.contentID
    }
}
