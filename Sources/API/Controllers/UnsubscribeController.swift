import Foundation
import Hummingbird
import NIOCore
import Store

/// The public end of bulk mail's List-Unsubscribe: `POST /u/{token}` unsubscribes at once (RFC
/// 8058 one-click, which mail clients send as `List-Unsubscribe=One-Click`); `GET /u/{token}` shows
/// a page asking to confirm, so link scanners that follow links unsubscribe nobody. The token is
/// checked by its signature before any database read (`UnsubscribeToken`).
struct UnsubscribeController {
    let store: Store

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.get("u/:token", use: confirm)
        router.post("u/:token", use: unsubscribe)
    }

    @Sendable func confirm(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        _ = try token(context)
        return Self.page(
            """
            <h1>Unsubscribe</h1>
            <p>Stop receiving newsletters and other bulk email from this sender?</p>
            <form method="post"><button type="submit">Unsubscribe</button></form>
            """)
    }

    @Sendable func unsubscribe(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let token = try token(context)
        _ = try await store.withTenant(token.scope) { tx in try await tx.contacts.unsubscribeFromBulk(token.contactID) }
        return Self.page("<h1>Unsubscribed</h1><p>You will no longer receive bulk email from this sender.</p>")
    }

    private func token(_ context: MailSyncRequestContext) throws -> UnsubscribeToken {
        guard let text = context.parameters.get("token"),
            let token = UnsubscribeToken.verify(text, keyring: store.keyring)
        else { throw Problems.notFound("unsubscribe link") }
        return token
    }

    private static func page(_ body: String) -> Response {
        let html =
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head>"
            + "<body>\(body)</body></html>"
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
