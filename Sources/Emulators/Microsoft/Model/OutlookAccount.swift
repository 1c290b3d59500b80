/// Who an emulated mailbox belongs to: the `oid` (Graph's `/me` `id`), its tenant, and addresses.
struct OutlookAccount: Sendable, Hashable {
    var id: String
    var tenantID: String
    var address: String
    var displayName: String
    /// Other SMTP addresses (`proxyAddresses` `smtp:` entries).
    var aliases: [String]
}
