import Foundation

/// A connection's OAuth tokens, decrypted.
public struct ConnectionTokens: Sendable, Hashable {
    /// The access token sent with provider calls.
    public var accessToken: SecretText?
    /// The refresh token that gets new access tokens.
    public var refreshToken: SecretText?
    /// When the access token expires.
    public var expiresAt: Date?

    /// Creates a set of tokens.
    public init(accessToken: SecretText?, refreshToken: SecretText?, expiresAt: Date?) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}
