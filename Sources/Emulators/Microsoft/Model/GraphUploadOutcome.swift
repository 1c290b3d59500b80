import Foundation

/// What an upload `PUT` achieved.
enum GraphUploadOutcome: Sendable {
    case partial(expiresAt: Date, next: Int)
    case complete(accountID: String, messageID: String, attachmentID: String)
}
