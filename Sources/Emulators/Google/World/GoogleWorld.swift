import Foundation

/// Everything the Google emulator knows: accounts with their mailboxes, OAuth grants and tokens,
/// injected faults, and where Pub/Sub pushes go. One actor, so every change is atomic.
public actor GoogleWorld {
    /// Behaviour settings (clients, token lifetime, rotation, history retention).
    public private(set) var settings: GoogleEmulatorSettings
    var accounts: [String: EmulatedAccount] = [:]
    var grants: [Int: OAuthGrant] = [:]
    var codes: [String: PendingCode] = [:]
    var accessTokens: [String: IssuedAccessToken] = [:]
    var refreshTokens: [String: Int] = [:]
    var faults: [InjectedFault] = []
    var pubSub: [String: PubSubConfiguration] = [:]
    var nextGrantID = 1
    var nextAccountSeed: UInt64 = 1
    let now: @Sendable () -> Date
    let pusher: PubSubPusher?

    /// Creates an empty world; `pusher` delivers Pub/Sub pushes (nil: none are sent).
    init(settings: GoogleEmulatorSettings, pusher: PubSubPusher?, now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.pusher = pusher
        self.now = now
    }

    /// Replaces the settings.
    public func update(_ settings: GoogleEmulatorSettings) {
        self.settings = settings
    }

    /// Creates an account (or returns the existing one with that address) and returns its `sub`.
    @discardableResult
    public func createAccount(email: String, displayName: String = "", aliases: [String] = []) -> String {
        let key = email.lowercased()
        if let existing = accounts[key] { return existing.sub }
        var seedGenerator = SeededGenerator(seed: nextAccountSeed &* 7919 &+ UInt64(key.utf8.count))
        nextAccountSeed += 1
        let digits = String(seedGenerator.next() % 10_000_000_000_000_000_000)
        let sub = "1" + String(repeating: "0", count: 20 - digits.count) + digits
        accounts[key] = EmulatedAccount(
            sub: sub, email: key, displayName: displayName, aliases: aliases.map { $0.lowercased() },
            mailbox: EmulatedMailbox(seed: seedGenerator.next()), consent: ConsentPolicy(), watch: nil)
        return sub
    }

    /// Sets how the consent page answers for an account; false for an unknown account.
    @discardableResult
    public func setConsent(_ policy: ConsentPolicy, for email: String) -> Bool {
        guard accounts[email.lowercased()] != nil else { return false }
        accounts[email.lowercased()]?.consent = policy
        return true
    }

    /// Makes the next calls of an endpoint fail.
    public func inject(_ fault: InjectedFault) {
        faults.append(fault)
    }

    /// Removes every injected fault.
    public func clearFaults() {
        faults.removeAll()
    }

    /// Says where pushes for a topic go.
    public func configurePubSub(_ configuration: PubSubConfiguration) {
        pubSub[configuration.topic] = configuration
    }

    /// Takes one use of the first fault for `endpoint`, if any.
    func takeFault(for endpoint: String) -> InjectedFault? {
        guard let index = faults.firstIndex(where: { $0.applies(to: endpoint) && $0.count > 0 }) else { return nil }
        faults[index].count -= 1
        let fault = faults[index]
        if fault.count == 0 { faults.remove(at: index) }
        return fault
    }

    /// The account with this address or alias.
    func accountKey(for address: String) -> String? {
        let lower = address.lowercased()
        if accounts[lower] != nil { return lower }
        return accounts.values.first { $0.owns(lower) }?.email
    }

    /// Epoch milliseconds now.
    var nowMillis: Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded()) }
}
