import AsyncHTTPClient
import Foundation

/// Everything the Microsoft emulator holds, in memory: accounts and their mailboxes, OAuth codes
/// and tokens, subscriptions, upload sessions, injected faults and traffic counts. The HTTP routes
/// and the control API both work through it; tests may call it directly.
public actor MicrosoftEmulatorState {
    /// The registered app and timings.
    public let configuration: MicrosoftEmulatorConfiguration
    let outbox: MicrosoftNotificationOutbox
    var mailboxes: [String: OutlookMailbox] = [:]
    var accountOrder: [String] = []
    var consent = MicrosoftEmulatorConsent(mode: .approve)
    var codes: [String: MicrosoftAuthorizationCode] = [:]
    var accessTokens: [String: MicrosoftTokenGrant] = [:]
    var refreshTokens: [String: MicrosoftTokenGrant] = [:]
    /// AADSTS codes the next token requests fail with (e.g. `AADSTS65001`).
    var pendingTokenFailures: [Int] = []
    var faults: [String: [MicrosoftEmulatorFault]] = [:]
    var throttledUntil: [String: Date] = [:]
    var latency: [String: (milliseconds: Int, pathSuffix: String?)] = [:]
    var stats: [String: MicrosoftEmulatorStats] = [:]
    var inFlight: [String: Int] = [:]
    var subscriptions: [String: MicrosoftEmulatorSubscription] = [:]
    var uploadSessions: [String: GraphUploadSessionState] = [:]

    /// Creates empty state; notifications and validation requests go out through `httpClient`.
    public init(configuration: MicrosoftEmulatorConfiguration, httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        outbox = MicrosoftNotificationOutbox(
            client: httpClient, batchWindow: configuration.notificationBatchWindow,
            validationTimeout: configuration.validationTimeout)
    }

    /// The mailbox of an account id, or the account whose address or alias it is.
    func accountID(for idOrAddress: String) throws -> String {
        if mailboxes[idOrAddress] != nil { return idOrAddress }
        let lower = idOrAddress.lowercased()
        let accounts = accountOrder.compactMap { mailboxes[$0]?.account }
        if let match = accounts.first(where: { account in
            account.address.lowercased() == lower || account.aliases.contains { $0.lowercased() == lower }
        }) {
            return match.id
        }
        throw MicrosoftEmulatorError(.unknownAccount)
    }

    func mailbox(_ accountID: String) throws -> OutlookMailbox {
        guard let mailbox = mailboxes[accountID] else { throw MicrosoftEmulatorError(.unknownAccount) }
        return mailbox
    }

    /// Changes one mailbox and tells its subscribers what changed.
    func mutate<T: Sendable>(
        _ accountID: String, _ body: (inout OutlookMailbox) throws -> (T, [OutlookMailbox.Change])
    ) async throws -> T {
        guard var mailbox = mailboxes[accountID] else { throw MicrosoftEmulatorError(.unknownAccount) }
        let (result, changes) = try body(&mailbox)
        mailboxes[accountID] = mailbox
        await notify(accountID, changes)
        return result
    }

    /// Queues a change notification per matching subscription and change.
    private func notify(_ accountID: String, _ changes: [OutlookMailbox.Change]) async {
        guard !changes.isEmpty, let mailbox = mailboxes[accountID] else { return }
        for subscription in subscriptions.values where subscription.accountID == accountID {
            let kinds = Set(
                subscription.changeType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let scope = Self.folderScope(of: subscription.resource, in: mailbox)
            for change in changes {
                var kind = change.kind.rawValue
                if scope == nil, change.isMove {
                    // A whole-mailbox subscription sees a move as one update.
                    guard change.kind == .created else { continue }
                    kind = "updated"
                }
                if let scope, scope != change.folderID { continue }
                guard kinds.contains(kind) else { continue }
                let id = subscription.usesImmutableIDs ? change.immutableID : change.restID
                let etag = mailbox.message(change.immutableID)?.changeKey ?? "deleted"
                await outbox.enqueue(
                    GraphNotificationJSON(
                        change: kind, messageID: id, etag: etag, subscription: subscription,
                        tenantID: mailbox.account.tenantID),
                    to: subscription.notificationURL)
            }
        }
    }

    /// The folder a subscription resource is limited to, or nil for the whole mailbox
    /// (`/me/messages`, `/users/{id}/messages`). Reads `/me/mailFolders('inbox')/messages` and
    /// `/me/mailFolders/{id}/messages`.
    static func folderScope(of resource: String, in mailbox: OutlookMailbox) -> String? {
        let lower = resource.lowercased()
        guard let range = lower.range(of: "mailfolders") else { return nil }
        var rest = resource[range.upperBound...]
        rest = rest.drop { $0 == "(" || $0 == "/" || $0 == "'" }
        let name = rest.prefix { $0 != "'" && $0 != ")" && $0 != "/" }
        return mailbox.folder(String(name))?.id ?? String(name)
    }
}
