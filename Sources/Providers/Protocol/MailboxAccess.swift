/// What one provider call needs to act on a mailbox: a current access token, and the mailbox's
/// stable account id, which keys the provider's per-mailbox quota. Never log it.
public struct MailboxAccess: Sendable, Hashable {
    /// The bearer token.
    public var accessToken: String
    /// The provider's stable account id of the mailbox.
    public var accountID: String

    /// Creates access.
    public init(accessToken: String, accountID: String) {
        self.accessToken = accessToken
        self.accountID = accountID
    }
}
