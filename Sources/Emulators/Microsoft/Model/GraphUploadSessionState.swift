import Foundation

/// An attachment upload session (https://learn.microsoft.com/graph/outlook-large-attachments).
struct GraphUploadSessionState: Sendable {
    var accountID: String
    var messageKey: Int
    var name: String
    var contentType: String
    var isInline: Bool
    var contentID: String?
    var size: Int
    var received: [UInt8]
    var expiresAt: Date
}
