import Foundation

/// What an access or refresh token grants.
struct MicrosoftTokenGrant: Sendable {
    var accountID: String
    /// Granted scopes, short names (`Mail.Send`, `openid`, `offline_access`).
    var scopes: [String]
    var expiresAt: Date
}
