import Foundation

/// An authorization code waiting to be redeemed.
struct AuthorizationCode: Sendable {
    var accountID: String
    var clientID: String
    var redirectURI: String
    var scopes: [String]
    var codeChallenge: String?
    var expiresAt: Date
}

/// What an access or refresh token grants.
struct TokenGrant: Sendable {
    var accountID: String
    /// Granted scopes, short names (`Mail.Send`, `openid`, `offline_access`).
    var scopes: [String]
    var expiresAt: Date
}

/// An attachment upload session (https://learn.microsoft.com/graph/outlook-large-attachments).
struct UploadSession: Sendable {
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
