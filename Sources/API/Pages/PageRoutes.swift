import Foundation
import Hummingbird
import Store
import Sync
import SyncCore

/// The server-rendered pages under `/app`: sign-in, My Profile -> Email (2-way sync), the sync log,
/// and their stylesheet and script. Every page but sign-in needs a session; every POST a CSRF token.
struct PageRoutes {
    let store: Store
    let lifecycle: ConnectionLifecycle?
    let sending: OutboundEmailWriter?
    let configuration: PagesConfiguration

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        let renderer = PageRenderer()
        router.get("/") { _, _ in Response.seeOther(EmailSyncPage.path) }
        router.get("app") { _, _ in Response.seeOther(EmailSyncPage.path) }
        PageAssets.addRoutes(to: router)
        let pages = router.group("app").add(middleware: PageSessionMiddleware(store: store, renderer: renderer))
        SignInPage(store: store, renderer: renderer, configuration: configuration).addRoutes(
            public: router, signedIn: pages)
        EmailSyncPage(store: store, lifecycle: lifecycle, renderer: renderer, configuration: configuration).addRoutes(
            to: pages)
        SyncLogPage(store: store, renderer: renderer, configuration: configuration).addRoutes(to: pages)
        ConversationsPage(store: store, sending: sending, renderer: renderer, configuration: configuration)
            .addRoutes(to: pages)
    }

    /// The signed-in user's scope and id (the session middleware set the principal).
    static func user(_ context: MailSyncRequestContext) throws -> (TenantScope, UUID) {
        guard case .user(let agencyID, let subAccountID, let userID) = context.principal else {
            throw HTTPError(.forbidden)
        }
        return (.subAccount(subAccountID, of: agencyID), userID)
    }
}
