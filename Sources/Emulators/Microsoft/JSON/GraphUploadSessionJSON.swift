/// An upload session (https://learn.microsoft.com/graph/api/resources/uploadsession).
struct GraphUploadSessionJSON: Encodable, Sendable {
    var context: String?
    var uploadUrl: String?
    var expirationDateTime: String
    var nextExpectedRanges: [String]

    enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case uploadUrl, expirationDateTime, nextExpectedRanges
    }
}
