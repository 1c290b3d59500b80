import Foundation
import Hummingbird
import JobQueue
import Store
import Sync
import SyncCore

/// My Profile -> Email (2-way sync): connect (the OAuth flow of ``ConnectionLifecycle``, coming
/// back to this page), status, update email, reconnect, disconnect, the BCC address and the Labs flag.
struct EmailSyncPage {
    static let path = "/app/profile/email"

    let store: Store
    let lifecycle: ConnectionLifecycle?
    let renderer: PageRenderer
    let configuration: PagesConfiguration

    struct Notice: Sendable {
        var text: String
        var isError: Bool
    }

    struct ProviderChoice: Sendable {
        var code: String
        var name: String
        var note: String?
        var selected: Bool
    }

    struct ConnectionView: Sendable {
        var provider: String
        var providerCode: String
        var address: String
        var status: String
        var statusCode: String
        var lastSync: LocalDate?
        var lastError: String?
        var lastErrorAt: LocalDate?
        var progress: String?
        var labsNote: String?
        var needsReauth: Bool
    }

    struct Model: Sendable {
        var frame: PageFrame
        var notice: Notice?
        var configured: Bool
        var connection: ConnectionView?
        var previous: String?
        var providers: [ProviderChoice]
        var subAccountName: String
        var bccAddress: String
    }

    func addRoutes(to pages: RouterGroup<MailSyncRequestContext>) {
        pages.get("profile/email", use: show)
        pages.post("profile/email/connect", use: connect)
        pages.post("profile/email/disconnect", use: disconnect)
    }

    @Sendable func show(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, userID) = try PageRoutes.user(context)
        let session = PageSession(request, keyring: store.keyring)
        var frame = PageFrame.signedIn(
            title: "Email (2-way sync)", current: Self.path, csrf: session?.csrf ?? "", configuration: configuration)
        let status = try await lifecycle?.status(scope: scope, userID: userID)
        let subAccount: SubAccount
        if let known = status?.subAccount {
            subAccount = known
        } else {
            subAccount = try await store.withTenant(scope) { tx in try await tx.subAccounts.current() }
        }
        let language = request.headers[.acceptLanguage]
        var view: ConnectionView?
        var previous: String?
        if let status, status.connection.status.isActive {
            view = try await connectionView(status, language: language)
            if view?.progress != nil { frame.refreshSeconds = 3 }
        } else {
            previous = status?.mailbox?.address
        }
        let notice = request.query("mailsync_status").flatMap {
            PlainWords.connectOutcome(status: $0, reason: request.query("mailsync_reason"))
        }
        let current = status.flatMap { $0.connection.status.isActive ? $0.mailbox?.provider : nil }
        let model = Model(
            frame: frame, notice: notice.map { Notice(text: $0.text, isError: $0.isError) },
            configured: lifecycle != nil,
            connection: view, previous: previous, providers: providerChoices(labs: subAccount.labs, current: current),
            subAccountName: subAccount.name, bccAddress: subAccount.bccAddress)
        return renderer.render("email-sync", model)
    }

    @Sendable func connect(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, userID) = try PageRoutes.user(context)
        var request = request
        let fields = try await request.formFields(context: context)
        guard let lifecycle else {
            return Response.seeOther(Self.path + "?mailsync_status=error&mailsync_reason=not_configured")
        }
        guard let kind = fields["provider"].flatMap(SyncCore.ProviderKind.init(rawValue:)) else {
            return renderer.render(
                "message",
                MessagePage(
                    frame: .signedOut(title: "Choose a provider"), heading: "Choose a provider",
                    message: "Choose Gmail or Outlook, then connect."), status: .badRequest)
        }
        let hint = fields["loginHint"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let url = try await lifecycle.authorize(
                scope: scope, userID: userID, provider: kind, returnURL: configuration.publicURL + Self.path,
                loginHint: hint)
            return Response.seeOther(url.absoluteString)
        } catch let error as LifecycleError where error.code == .providerNotConfigured {
            return Response.seeOther(Self.path + "?mailsync_status=error&mailsync_reason=not_configured")
        }
    }

    @Sendable func disconnect(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, userID) = try PageRoutes.user(context)
        _ = try await lifecycle?.disconnect(scope: scope, userID: userID)
        return Response.seeOther(Self.path + "?mailsync_status=disconnected")
    }

    private func connectionView(_ status: ConnectionStatus, language: String?) async throws -> ConnectionView {
        let connection = status.connection
        let provider = status.mailbox?.provider
        var progress: String?
        if connection.status == .connected, let mailboxID = status.mailbox?.id {
            let live = try await JobQueue(client: store.client).liveKinds(lane: SyncJobs.syncLane(mailboxID))
            if live.contains("mailbox.backfill") {
                progress = "Importing your recent mail (the last \(status.subAccount.backfillDays ?? 0) days)…"
            } else if connection.lastSyncedAt == nil {
                progress = "First sync in progress…"
            }
        }
        return ConnectionView(
            provider: PlainWords.provider(provider), providerCode: provider?.rawValue ?? "",
            address: status.mailbox?.address ?? "", status: PlainWords.status(connection.status),
            statusCode: connection.status.rawValue,
            lastSync: connection.lastSyncedAt.map { LocalDate($0, acceptLanguage: language) },
            lastError: connection.lastError,
            lastErrorAt: connection.lastErrorAt.map { LocalDate($0, acceptLanguage: language) },
            progress: progress, labsNote: provider == .microsoft ? Self.labsNote(status.subAccount.labs) : nil,
            needsReauth: connection.status == .needsReauth)
    }

    private func providerChoices(labs: LabsFlags, current: SyncCore.ProviderKind?) -> [ProviderChoice] {
        [
            ProviderChoice(
                code: SyncCore.ProviderKind.gmail.rawValue, name: "Gmail", note: nil, selected: current != .microsoft),
            ProviderChoice(
                code: SyncCore.ProviderKind.microsoft.rawValue, name: "Outlook / Microsoft 365",
                note: labs.outlookTwoWaySync ? nil : "(Labs flag off: only threads started in the CRM sync)",
                selected: current == .microsoft),
        ]
    }

    /// SPEC rule 5, where it matters: on an Outlook connection.
    static func labsNote(_ labs: LabsFlags) -> String {
        labs.outlookTwoWaySync
            ? "Labs: Outlook two-way sync is on for this sub-account. Emails with contacts and emails you BCC to the address below sync, as with Gmail."
            : "Labs: Outlook two-way sync is off for this sub-account. Only threads started from the CRM sync; an administrator can turn on the Labs flag “Outlook two-way sync”."
    }
}
