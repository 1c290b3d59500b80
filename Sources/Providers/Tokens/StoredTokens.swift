import Foundation

/// A connection's tokens as the `TokenStore` keeps them. Never log them.
public struct StoredTokens: Sendable, Hashable {
    /// The current bearer token.
    public var accessToken: String
    /// The refresh token; nil when the grant has none (then an expired access token means reauth).
    public var refreshToken: String?
    /// When `accessToken` stops working.
    public var expiresAt: Date
    /// The provider's stable account id of the mailbox (keys the provider quota).
    public var accountID: String
    /// Whether the provider rejected the grant; no call is made until the user connects again.
    public var needsReauth: Bool

    /// Creates stored tokens.
    public init(accessToken: String, refreshToken: String?, expiresAt: Date, accountID: String, needsReauth: Bool = false) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.accountID = accountID
        self.needsReauth = needsReauth
    }

    /// What a provider call needs.
    public var access: MailboxAccess {
        MailboxAccess(accessToken: accessToken, accountID: accountID)
    }
}
