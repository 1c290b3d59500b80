/// The mailbox's own addresses.
public struct ProviderProfile: Sendable, Hashable {
    /// The primary address.
    public var address: String
    /// Other addresses the mailbox sends as (Gmail send-as aliases, Graph proxy addresses),
    /// without the primary one.
    public var aliases: [String]

    /// Creates a profile.
    public init(address: String, aliases: [String]) {
        self.address = address
        self.aliases = aliases
    }

    /// Every address of the mailbox, lowercased, primary first.
    public var allAddresses: [String] {
        var seen = Set<String>()
        return ([address] + aliases).map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }
}
