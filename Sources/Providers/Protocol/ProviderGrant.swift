/// The outcome of a successful code exchange: tokens and the account they act for.
public struct ProviderGrant: Sendable, Hashable {
    /// The tokens (the refresh token is always present here).
    public var tokens: OAuthTokens
    /// The account, by its stable id.
    public var account: ProviderAccount

    /// Creates a grant.
    public init(tokens: OAuthTokens, account: ProviderAccount) {
        self.tokens = tokens
        self.account = account
    }
}
