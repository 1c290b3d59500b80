import Foundation
import Hummingbird
import Store
import SyncCore

/// A signed-in browser: the session cookie holds the user token the user signed in with (signed,
/// with its own expiry, so the server keeps no session rows); the CSRF token every form carries is
/// derived from it.
struct PageSession: Sendable {
    /// The session cookie's name.
    static let cookieName = "mailsync_session"
    /// The sign-in form's double-submit cookie (there is no session yet to derive a token from).
    static let signInCookieName = "mailsync_signin"

    /// The cookie's value: a user token.
    let token: String
    /// The token's verified claims.
    let claims: UserToken
    /// The token the session's forms carry.
    let csrf: String

    /// The session of a request whose cookie holds a valid, unexpired user token; nil otherwise.
    init?(_ request: Request, keyring: Keyring, now: Date = Date()) {
        guard let token = request.cookies[Self.cookieName]?.value else { return nil }
        self.init(token: token, keyring: keyring, now: now)
    }

    /// The session of a user token; nil when the token is invalid or expired.
    init?(token: String, keyring: Keyring, now: Date = Date()) {
        guard let claims = UserToken.verify(token, keyring: keyring, now: now), claims.scope.subAccountID != nil else {
            return nil
        }
        self.token = token
        self.claims = claims
        self.csrf = CSRFToken.make(forSession: token, keyring: keyring)
    }

    /// The principal the pages act as.
    var principal: Principal {
        .user(agencyID: claims.scope.agencyID, subAccountID: claims.scope.subAccountID ?? UUID(), userID: claims.userID)
    }

    /// Whether a form's token belongs to this session.
    func accepts(csrf candidate: String?, keyring: Keyring) -> Bool {
        guard let candidate else { return false }
        return CSRFToken.isValid(candidate, forSession: token, keyring: keyring)
    }

    /// The cookie that starts the session; it ends when the token does.
    func cookie(secure: Bool) -> Cookie {
        Cookie(
            name: Self.cookieName, value: token, expires: claims.expiresAt, path: "/", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// A cookie that makes the browser forget `name`.
    static func expiredCookie(_ name: String, secure: Bool) -> Cookie {
        Cookie(
            name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: secure,
            httpOnly: true, sameSite: .lax)
    }
}
