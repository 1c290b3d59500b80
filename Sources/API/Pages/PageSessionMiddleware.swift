import Hummingbird
import Store

/// Guards the signed-in pages: without a valid session a page redirects to the sign-in form (a
/// form post gets 403); every POST must carry the session's CSRF token in its `csrf` field, or it
/// gets 403 and changes nothing. Sets the request's principal to the signed-in user.
struct PageSessionMiddleware: RouterMiddleware {
    typealias Context = MailSyncRequestContext

    let store: Store
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var request = request
        guard let session = PageSession(request, keyring: store.keyring) else {
            if request.method == .get || request.method == .head {
                let hadCookie = request.cookies[PageSession.cookieName] != nil
                return Response.seeOther(hadCookie ? "/app/sign-in?ended=1" : "/app/sign-in")
            }
            return renderer.forbidden("You are not signed in, or your session has ended. Sign in again.")
        }
        if request.method == .post {
            let form = try await request.formFields(context: context)
            guard session.accepts(csrf: form["csrf"], keyring: store.keyring) else {
                return renderer.forbidden(
                    "This form could not be checked: it may be from an old page. Go back, reload the page and try again."
                )
            }
        }
        var context = context
        context.principal = session.principal
        return try await next(request, context)
    }
}
