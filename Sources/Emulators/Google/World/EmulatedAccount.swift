/// A Google account in the emulator.
struct EmulatedAccount: Sendable {
    /// The stable account id (OpenID `sub`), 21 digits like Google's.
    var sub: String
    /// The primary address, lowercased.
    var email: String
    var displayName: String
    /// Verified send-as aliases (lowercased).
    var aliases: [String]
    var mailbox: EmulatedMailbox
    /// How the consent page answers for this account without a person.
    var consent: ConsentPolicy
    /// The push watch, if any.
    var watch: Watch?

    /// A `users.watch` registration.
    struct Watch: Sendable {
        var topic: String
        var labelIds: Set<String>
        var include: Bool
        /// Epoch milliseconds.
        var expiration: Int64
    }

    /// Whether `address` is this account's primary address or one of its aliases.
    func owns(_ address: String) -> Bool {
        let lower = address.lowercased()
        return lower == email || aliases.contains(lower)
    }
}
