import Foundation
import Hummingbird
import Store
import SyncCore

/// The sync log: every decision of the signed-in user's connections (current and earlier), newest
/// first, filterable by reason and by an address ("why is this email missing?").
struct SyncLogPage {
    static let path = "/app/sync-log"
    /// Rows shown at most; a filter narrows further.
    static let limit = 200

    let store: Store
    let renderer: PageRenderer
    let configuration: PagesConfiguration

    struct Option: Sendable {
        var code: String
        var label: String
        var selected: Bool
    }

    struct ReasonGroup: Sendable {
        var label: String
        var options: [Option]
    }

    struct Entry: Sendable {
        var when: LocalDate
        var mailbox: String
        var decision: String
        var reason: String
        var reasonText: String
        var addresses: String
        var messageID: String
    }

    struct Model: Sendable {
        var frame: PageFrame
        var reasonGroups: [ReasonGroup]
        var address: String
        var filtered: Bool
        var hasConnection: Bool
        var hasEntries: Bool
        var caption: String
        var entries: [Entry]
    }

    func addRoutes(to pages: RouterGroup<MailSyncRequestContext>) {
        pages.get("sync-log", use: show)
    }

    @Sendable func show(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, userID) = try PageRoutes.user(context)
        let known = SkipReason.allCases.map(\.rawValue) + SyncReason.allCases.map(\.rawValue)
        let reason = request.query("reason").flatMap { known.contains($0) ? $0 : nil }
        let address = request.query("address")?.trimmingCharacters(in: .whitespaces)
        let (mailboxes, decisions) = try await store.withTenant(scope) { tx in
            let connections = try await tx.connections.list(userID: userID)
            var mailboxes = [UUID: String]()
            for connection in connections {
                mailboxes[connection.id] = try await tx.mailboxes.get(connection.mailboxID)?.address ?? ""
            }
            let decisions = try await tx.syncDecisions.log(
                connectionIDs: connections.map(\.id), reason: reason, address: address, limit: Self.limit)
            return (mailboxes, decisions)
        }
        let language = request.headers[.acceptLanguage]
        let entries = decisions.map { decision in
            Entry(
                when: LocalDate(decision.decidedAt, acceptLanguage: language),
                mailbox: mailboxes[decision.connectionID] ?? "",
                decision: decision.decision,
                reason: decision.reason, reasonText: PlainWords.reason(decision.reason),
                addresses: decision.addresses.joined(separator: ", "), messageID: decision.messageID)
        }
        let groups = [
            ReasonGroup(label: "Skipped", options: SkipReason.allCases.map { option($0.rawValue, selected: reason) }),
            ReasonGroup(label: "Synced", options: SyncReason.allCases.map { option($0.rawValue, selected: reason) }),
        ]
        let caption =
            entries.count == Self.limit
            ? "The latest \(Self.limit) decisions" : "\(entries.count) decision\(entries.count == 1 ? "" : "s")"
        let session = PageSession(request, keyring: store.keyring)
        let model = Model(
            frame: .signedIn(
                title: "Sync log", current: Self.path, csrf: session?.csrf ?? "", configuration: configuration),
            reasonGroups: groups, address: address ?? "", filtered: reason != nil || address != nil,
            hasConnection: !mailboxes.isEmpty, hasEntries: !entries.isEmpty, caption: caption, entries: entries)
        return renderer.render("sync-log", model)
    }

    private func option(_ code: String, selected: String?) -> Option {
        Option(code: code, label: PlainWords.reasonLabel(code), selected: code == selected)
    }
}
