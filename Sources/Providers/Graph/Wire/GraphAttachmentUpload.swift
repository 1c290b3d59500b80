/// The bodies that add a file to a draft: a `fileAttachment` posted whole
/// (https://learn.microsoft.com/graph/api/message-post-attachments), or the `AttachmentItem` of an
/// upload session (https://learn.microsoft.com/graph/api/attachment-createuploadsession).
enum GraphAttachmentUpload {
    struct FileAttachment: Encodable {
        var odataType = "#microsoft.graph.fileAttachment"
        var name: String
        var contentType: String
        var contentBytes: String
        var isInline: Bool
        var contentId: String?

        enum CodingKeys: String, CodingKey {
            case odataType = "@odata.type"
            case name, contentType, contentBytes, isInline, contentId
        }
    }

    struct SessionRequest: Encodable {
        struct AttachmentItem: Encodable {
            var attachmentType = "file"
            var name: String
            var size: Int
            var contentType: String
            var isInline: Bool
            var contentId: String?
        }

        var attachmentItem: AttachmentItem

        enum CodingKeys: String, CodingKey {
            case attachmentItem = "AttachmentItem"
        }
    }
}
