import Foundation

/// Tokens from a code exchange or a refresh. Never log them.
public struct OAuthTokens: Sendable, Hashable {
    /// The bearer token for API calls.
    public var accessToken: String
    /// The refresh token: present after a code exchange, and after a refresh only when the
    /// provider rotated it (then it must be saved before the access token is used).
    public var refreshToken: String?
    /// When the access token stops working.
    public var expiresAt: Date
    /// The scopes the grant holds, as the provider reported them.
    public var scopes: [String]

    /// Creates tokens.
    public init(accessToken: String, refreshToken: String?, expiresAt: Date, scopes: [String]) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
    }
}
