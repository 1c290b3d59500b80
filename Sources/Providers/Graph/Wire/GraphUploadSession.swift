/// An attachment upload session
/// (https://learn.microsoft.com/graph/outlook-large-attachments#step-1-create-an-upload-session).
struct GraphUploadSession: Decodable, Sendable {
    var uploadUrl: String?
    var expirationDateTime: String?
    var nextExpectedRanges: [String]?
}
