import Foundation

/// A file attachment as Graph renders it (https://learn.microsoft.com/graph/api/resources/fileattachment):
/// `contentBytes` is the base64 of the file, left out of the answer to an upload.
struct GraphAttachmentJSON: Encodable, Sendable {
    var odataType = "#microsoft.graph.fileAttachment"
    var id: String
    var name: String
    var contentType: String
    var size: Int
    var isInline: Bool
    var contentId: String?
    var contentBytes: String?

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case id, name, contentType, size, isInline, contentId, contentBytes
    }

    init(_ attachment: OutlookAttachment, includingContent: Bool = false) {
        id = attachment.id
        name = attachment.name
        contentType = attachment.contentType
        size = attachment.bytes.count
        isInline = attachment.isInline
        contentId = attachment.contentID
        if includingContent { contentBytes = Data(attachment.bytes).base64EncodedString() }
    }
}
