import Foundation
import Hummingbird
import Store

/// Sign-in with a user token (form -> session cookie) and sign-out. The sign-in form has no
/// session to derive a CSRF token from, so it uses a double-submit cookie: a random value set with
/// the form, which the post must repeat.
struct SignInPage {
    let store: Store
    let renderer: PageRenderer
    let configuration: PagesConfiguration

    struct Model: Sendable {
        var frame: PageFrame
        var csrf: String
        var notice: String?
        var error: String?
    }

    func addRoutes(public router: Router<MailSyncRequestContext>, signedIn pages: RouterGroup<MailSyncRequestContext>) {
        router.get("app/sign-in", use: form)
        router.post("app/sign-in", use: signIn)
        pages.post("sign-out", use: signOut)
    }

    @Sendable func form(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let notice: String? =
            request.query("ended") != nil
            ? "Your session has ended. Sign in again."
            : request.query("signedOut") != nil ? "You are signed out." : nil
        return page(notice: notice, error: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        var request = request
        let fields = try await request.formFields(context: context)
        guard let expected = request.cookies[PageSession.signInCookieName]?.value, !expected.isEmpty,
            fields["csrf"] == expected
        else {
            return renderer.forbidden("This sign-in form could not be checked. Reload the sign-in page and try again.")
        }
        let token = (fields["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let session = PageSession(token: token, keyring: store.keyring) else {
            return page(
                notice: nil, error: "That token is not valid or has expired. Ask the CRM for a new one.",
                status: .unauthorized)
        }
        let isMember = try await store.withTenant(session.claims.scope) { tx in
            try await tx.users.members().contains { $0.id == session.claims.userID }
        }
        guard isMember else {
            return page(
                notice: nil, error: "That user is no longer a member of the sub-account.", status: .unauthorized)
        }
        var response = Response.seeOther("/app/profile/email")
        response.setCookie(session.cookie(secure: configuration.secureCookies))
        response.setCookie(PageSession.expiredCookie(PageSession.signInCookieName, secure: configuration.secureCookies))
        return response
    }

    @Sendable func signOut(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        var response = Response.seeOther("/app/sign-in?signedOut=1")
        response.setCookie(PageSession.expiredCookie(PageSession.cookieName, secure: configuration.secureCookies))
        return response
    }

    private func page(notice: String?, error: String?, status: HTTPResponse.Status) -> Response {
        let nonce = Self.randomToken()
        var response = renderer.render(
            "sign-in", Model(frame: .signedOut(title: "Sign in"), csrf: nonce, notice: notice, error: error),
            status: status)
        response.setCookie(
            Cookie(
                name: PageSession.signInCookieName, value: nonce, path: "/app/sign-in",
                secure: configuration.secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    /// 32 random bytes, hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}
