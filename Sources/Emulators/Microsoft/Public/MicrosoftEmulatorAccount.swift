/// An emulated Microsoft 365 account (a mailbox with an `oid`).
public struct MicrosoftEmulatorAccount: Sendable, Hashable, Codable {
    /// The object id: `oid` in the id token and `/me`'s `id`.
    public var id: String
    /// The tenant id (`tid`).
    public var tenantID: String
    /// The primary SMTP address.
    public var address: String
    /// The display name.
    public var displayName: String
    /// Other SMTP addresses of the mailbox.
    public var aliases: [String]

    /// Creates an account value.
    public init(id: String, tenantID: String, address: String, displayName: String, aliases: [String]) {
        self.id = id
        self.tenantID = tenantID
        self.address = address
        self.displayName = displayName
        self.aliases = aliases
    }
}
