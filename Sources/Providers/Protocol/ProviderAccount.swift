/// A provider account, identified by the provider's stable id (Google `sub`, Microsoft `oid`),
/// never by its address, which can change.
public struct ProviderAccount: Sendable, Hashable, Codable {
    /// Which provider the account is at.
    public var provider: ProviderKind
    /// The stable account id.
    public var id: String
    /// The sign-in address at the time of the grant, when the provider said it.
    public var address: String?

    /// Creates an account.
    public init(provider: ProviderKind, id: String, address: String?) {
        self.provider = provider
        self.id = id
        self.address = address
    }
}
