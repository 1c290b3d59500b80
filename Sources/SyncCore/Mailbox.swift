import Foundation

/// One provider account, shared by every connection to it (ARCHITECTURE.md "Database").
///
/// Global rather than a tenant row: Google allows one watch per account and one person may
/// connect the same mailbox in sub-accounts of different agencies. It holds the push
/// subscription, the cursors and the quota state; never tokens or message data.
public struct Mailbox: Sendable, Hashable, Identifiable {
    /// The mailbox's id.
    public var id: UUID
    /// Gmail or Microsoft.
    public var provider: ProviderKind
    /// The provider's stable account id (Google `sub`, Microsoft `oid`): the mailbox's identity.
    public var providerAccountID: String
    /// The primary address the provider reports.
    public var address: String
    /// Other addresses the account sends as.
    public var aliases: [String]
    /// The Graph change-notification subscription id; Gmail watches have none.
    public var pushSubscriptionID: String?
    /// When the Gmail watch or Graph subscription expires unless renewed.
    public var pushExpiresAt: Date?
    /// No provider calls before this time (the provider asked to back off).
    public var throttledUntil: Date?
    /// End of the last successful sync; a resync after an expired cursor starts here.
    public var lastSyncedAt: Date?

    /// Creates a mailbox value.
    public init(
        id: UUID, provider: ProviderKind, providerAccountID: String, address: String, aliases: [String] = [],
        pushSubscriptionID: String? = nil, pushExpiresAt: Date? = nil, throttledUntil: Date? = nil,
        lastSyncedAt: Date? = nil
    ) {
        self.id = id
        self.provider = provider
        self.providerAccountID = providerAccountID
        self.address = address
        self.aliases = aliases
        self.pushSubscriptionID = pushSubscriptionID
        self.pushExpiresAt = pushExpiresAt
        self.throttledUntil = throttledUntil
        self.lastSyncedAt = lastSyncedAt
    }
}
