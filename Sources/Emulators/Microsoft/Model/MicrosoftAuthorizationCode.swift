import Foundation

/// An authorization code waiting to be redeemed.
struct MicrosoftAuthorizationCode: Sendable {
    var accountID: String
    var clientID: String
    var redirectURI: String
    var scopes: [String]
    var codeChallenge: String?
    var expiresAt: Date
}
