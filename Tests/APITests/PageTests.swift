import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import SyncCore
import TestSupport
import Testing

/// The server-rendered pages: sign-in with a user token, the session cookie, CSRF on every form,
/// My Profile -> Email (2-way sync), the sync log, and that a page shows one tenant's data only.
@Suite(.freshDatabase)
struct PageTests {
    private func withBrowser(
        _ world: PageWorld, _ body: @Sendable (PageBrowser) async throws -> Void
    ) async throws {
        try await world.app.test { client in try await body(PageBrowser(client)) }
    }

    @Test func signInSetsAnHttpOnlyLaxSessionCookieAndOpensTheProfile() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            let form = try await browser.get("/app/sign-in")
            #expect(form.status == .ok)
            #expect(form.html.contains("<label for=\"token\">User token</label>"))
            let signedIn = try await browser.signIn(world.token)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/app/profile/email")
            let session = try #require(signedIn.setCookies.first { $0.hasPrefix("mailsync_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(!session.contains("Secure"))
            let profile = try await browser.get("/app/profile/email")
            #expect(profile.status == .ok)
            #expect(profile.html.contains("<h1>Email (2-way sync)</h1>"))
            #expect(profile.html.contains("No mailbox is connected yet"))
            #expect(profile.html.contains(world.bccAddress))
            #expect(profile.html.contains("aria-current=\"page\""))
            #expect(profile.html.contains("Emulated mailboxes"))
        }
    }

    @Test func sessionCookieIsSecureWhenThePublicURLIsHTTPS() async throws {
        let world = try await PageWorld.make(publicURL: "https://sync.example.com")
        try await withBrowser(world) { browser in
            let signedIn = try await browser.signIn(world.token)
            let session = try #require(signedIn.setCookies.first { $0.hasPrefix("mailsync_session=") })
            #expect(session.contains("Secure"))
        }
    }

    @Test func aBadTokenIsRefusedWithAMessage() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            let answer = try await browser.signIn(world.token + "x")
            #expect(answer.status == .unauthorized)
            #expect(answer.html.contains("not valid or has expired"))
            #expect(browser.cookies["mailsync_session"] == nil)
        }
    }

    @Test func signInWithoutItsFormCookieIsForbidden() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            let answer = try await browser.post("/app/sign-in", ["csrf": "guess", "token": world.token])
            #expect(answer.status == .forbidden)
            #expect(browser.cookies["mailsync_session"] == nil)
        }
    }

    @Test func pagesWithoutASessionRedirectToSignIn() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            for path in ["/app/profile/email", "/app/sync-log"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther)
                #expect(page.location == "/app/sign-in")
            }
            #expect(try await browser.post("/app/profile/email/disconnect", ["csrf": "x"]).status == .forbidden)
        }
    }

    @Test func anExpiredSessionEndsAndAsksToSignInAgain() async throws {
        let world = try await PageWorld.make()
        let expired = try UserToken(scope: world.scope, userID: world.userID, expiresAt: Date().addingTimeInterval(-5))
            .signed(with: world.app.store.keyring).value
        try await withBrowser(world) { browser in
            browser.set(cookie: "mailsync_session", expired)
            let page = try await browser.get("/app/profile/email")
            #expect(page.status == .seeOther)
            #expect(page.location == "/app/sign-in?ended=1")
            #expect(try await browser.get("/app/sign-in?ended=1").html.contains("Your session has ended"))
        }
    }

    @Test(arguments: ["/app/profile/email/disconnect", "/app/profile/email/connect", "/app/sign-out"])
    func aPostWithoutTheCSRFTokenIsForbiddenAndChangesNothing(path: String) async throws {
        let world = try await PageWorld.make()
        try await world.connect(provider: .gmail, address: "anna@gmail.example")
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let missing = try await browser.post(path, ["provider": "gmail"])
            #expect(missing.status == .forbidden)
            let forged = try await browser.post(path, ["provider": "gmail", "csrf": "AAAA"])
            #expect(forged.status == .forbidden)
            #expect(browser.cookies["mailsync_session"] != nil)
            let profile = try await browser.get("/app/profile/email")
            #expect(profile.html.contains("anna@gmail.example"))
            #expect(profile.html.contains("Connected"))
        }
    }

    @Test func connectStartsTheOAuthFlowWithTheReturnToThePage() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            let profile = try await browser.signIn(world.token)
            #expect(profile.status == .seeOther)
            let csrf = try PageBrowser.csrf(in: try await browser.get("/app/profile/email").html)
            let started = try await browser.post("/app/profile/email/connect", ["csrf": csrf, "provider": "gmail"])
            #expect(started.status == .seeOther)
            let location = try #require(started.location)
            #expect(location.hasPrefix(PageWorld.consentOrigin + "/o/oauth2/v2/auth?"))
            #expect(location.contains("state="))
            let unknown = try await browser.post("/app/profile/email/connect", ["csrf": csrf, "provider": "aol"])
            #expect(unknown.status == .badRequest)
            let notConfigured = try await browser.post(
                "/app/profile/email/connect", ["csrf": csrf, "provider": "microsoft"])
            #expect(notConfigured.location == "/app/profile/email?mailsync_status=error&mailsync_reason=not_configured")
        }
    }

    @Test func theProfileShowsStatusProgressAndTheCallbacksOutcomeInPlainWords() async throws {
        let world = try await PageWorld.make()
        try await world.connect(provider: .gmail, address: "anna@gmail.example")
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let page = try await browser.get("/app/profile/email?mailsync_status=connected")
            #expect(page.html.contains("Your mailbox is connected."))
            #expect(page.html.contains("<dd id=\"connected-address\">anna@gmail.example</dd>"))
            #expect(page.html.contains("First sync in progress"))
            #expect(page.html.contains("<progress"))
            #expect(page.html.contains("http-equiv=\"refresh\""))
            #expect(page.html.contains("Update email"))
            #expect(!page.html.contains("Labs:"))
            let denied = try await browser.get(
                "/app/profile/email?mailsync_status=error&mailsync_reason=consent_denied")
            #expect(denied.html.contains("You declined access"))
            #expect(denied.html.contains("role=\"alert\""))
        }
    }

    @Test func anOutlookConnectionShowsTheLabsFlagsState() async throws {
        let world = try await PageWorld.make()
        try await world.connect(provider: .microsoft, address: "olga@outlook.example")
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            #expect(try await browser.get("/app/profile/email").html.contains("Outlook two-way sync is off"))
            try await world.app.store.withTenant(world.scope) { tx in
                try await tx.subAccounts.setLabs(LabsFlags(outlookTwoWaySync: true))
            }
            #expect(try await browser.get("/app/profile/email").html.contains("Outlook two-way sync is on"))
        }
    }

    @Test func disconnectWithTheTokenEndsTheConnection() async throws {
        let world = try await PageWorld.make()
        try await world.connect(provider: .gmail, address: "anna@gmail.example")
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let csrf = try PageBrowser.csrf(in: try await browser.get("/app/profile/email").html)
            let answer = try await browser.post("/app/profile/email/disconnect", ["csrf": csrf])
            #expect(answer.location == "/app/profile/email?mailsync_status=disconnected")
            let page = try await browser.get(try #require(answer.location))
            #expect(page.html.contains("The mailbox is disconnected."))
            #expect(page.html.contains("Your last mailbox, anna@gmail.example, is no longer connected."))
        }
    }

    @Test func signOutForgetsTheSession() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let csrf = try PageBrowser.csrf(in: try await browser.get("/app/sync-log").html)
            let answer = try await browser.post("/app/sign-out", ["csrf": csrf])
            #expect(answer.location == "/app/sign-in?signedOut=1")
            #expect(browser.cookies["mailsync_session"] == nil)
            #expect(try await browser.get("/app/sync-log").location == "/app/sign-in")
        }
    }

    @Test func theSyncLogExplainsDecisionsFiltersByReasonAndShowsNoOtherTenantsRows() async throws {
        let world = try await PageWorld.make()
        let other = try await PageWorld.make()
        let mine = try await world.connect(provider: .gmail, address: "anna@gmail.example")
        let theirs = try await other.connect(provider: .gmail, address: "bert@gmail.example")
        try await world.app.store.withTenant(world.scope) { tx in
            try await tx.syncDecisions.record(
                connectionID: mine, providerMessageID: "m1", messageID: "skipped-1@example.com",
                decision: .skip(.notAContact), addresses: ["stranger@example.com"])
            try await tx.syncDecisions.record(
                connectionID: mine, providerMessageID: "m2", messageID: "synced-1@example.com",
                decision: .sync(
                    SyncPlan(
                        direction: .inbound, reason: .contactInbound, contactIDs: [], newContacts: [], attachments: [],
                        unsyncedAttachments: [])), addresses: ["maria@example.com"])
        }
        try await other.app.store.withTenant(other.scope) { tx in
            try await tx.syncDecisions.record(
                connectionID: theirs, providerMessageID: "x1", messageID: "other-tenant@example.com",
                decision: .skip(.notAContact), addresses: ["stranger@example.com"])
        }
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let all = try await browser.get("/app/sync-log")
            #expect(all.html.contains("skipped-1@example.com"))
            #expect(all.html.contains("synced-1@example.com"))
            #expect(all.html.contains("nobody in it is a contact yet"))
            #expect(!all.html.contains("other-tenant@example.com"))
            let skipped = try await browser.get("/app/sync-log?reason=not_a_contact")
            #expect(skipped.html.contains("skipped-1@example.com"))
            #expect(!skipped.html.contains("synced-1@example.com"))
            #expect(skipped.html.contains("<option value=\"not_a_contact\" selected>"))
            let byAddress = try await browser.get("/app/sync-log?address=MARIA%40example.com")
            #expect(byAddress.html.contains("synced-1@example.com"))
            #expect(!byAddress.html.contains("skipped-1@example.com"))
            let none = try await browser.get("/app/sync-log?reason=from_user")
            #expect(none.html.contains("No email matches this filter"))
        }
    }

    @Test func aContactsConversationShowsTheEmailSentFromTheComposeFormWithItsSender() async throws {
        let world = try await PageWorld.make()
        try await world.connect(provider: .gmail, address: "anna@gmail.example")
        let contactID = try await world.app.store.withTenant(world.scope) { tx in
            try await tx.contacts.create(email: "maria@client.example", name: "Maria", source: .crm).id
        }
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            let empty = try await browser.get("/app/conversations/\(contactID.uuidString)")
            #expect(empty.html.contains("Threads with Maria"))
            #expect(empty.html.contains("No email yet"))
            let form = ["to.\(contactID.uuidString)": "on", "kind": "single", "subject": "Your quote", "text": "Here it is."]
            #expect(try await browser.post("/app/conversations/send", form).status == .forbidden)
            var signed = form
            signed["csrf"] = try PageBrowser.csrf(in: empty.html)
            signed["back"] = contactID.uuidString
            let sent = try await browser.post("/app/conversations/send", signed)
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/app/conversations/\(contactID.uuidString)?sent=ok")
            let page = try await browser.get(sent.location ?? "")
            #expect(page.html.contains("Your email is on its way."))
            #expect(page.html.contains("Your quote"))
            #expect(page.html.contains("Here it is."))
            #expect(page.html.contains("sent through your mailbox"))
            #expect(page.html.contains("Send reply"))
        }
        let outbox = try await world.app.store.withTenant(world.scope) { tx in
            try await tx.connection.query("SELECT count(*) FROM outbox").single().decode(Int.self, at: 0)
        }
        #expect(outbox == 1)
    }

    @Test func datesFollowTheViewersLanguage() async throws {
        let world = try await PageWorld.make()
        let connection = try await world.connect(provider: .gmail, address: "anna@gmail.example")
        try await world.app.store.withTenant(world.scope) { tx in
            try await tx.syncDecisions.record(
                connectionID: connection, providerMessageID: "m1", messageID: "m1@example.com",
                decision: .skip(.notAContact), addresses: [])
        }
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            browser.acceptLanguage = "de-DE,de;q=0.9"
            let german = try await browser.get("/app/sync-log").html
            #expect(german.contains(#/<time datetime="[^"]+">\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC</time>/#))
            browser.acceptLanguage = "en-US"
            let english = try await browser.get("/app/sync-log").html
            #expect(english.contains(#/<time datetime="[^"]+">[A-Z][a-z]{2} \d{1,2}, \d{4}/#))
        }
    }

    @Test func aNewSyncLogSaysWhatToDoNext() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            _ = try await browser.signIn(world.token)
            #expect(try await browser.get("/app/sync-log").html.contains("Connect your mailbox</a> first"))
            try await world.connect(provider: .gmail, address: "anna@gmail.example")
            #expect(try await browser.get("/app/sync-log").html.contains("The sync has not looked at any email yet"))
        }
    }

    @Test func assetsAreServedWithoutASession() async throws {
        let world = try await PageWorld.make()
        try await withBrowser(world) { browser in
            let css = try await browser.get("/app/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.html.contains(":focus-visible"))
            #expect(try await browser.get("/app/assets/app.js").html.contains("clipboard"))
        }
    }
}
