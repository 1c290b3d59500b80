import Foundation
import Hummingbird
import JobQueue
import Store
import Sync

/// Microsoft Graph change notifications and lifecycle notifications.
///
/// A subscription's validation request (`?validationToken=`) is echoed as text/plain. A
/// notification is accepted only when its `clientState` is the mailbox's (an HMAC the service
/// derived when it created the subscription); each accepted one enqueues the mailbox's coalesced
/// job and the answer is 202 at once. https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
struct GraphWebhookController {
    let store: Store
    let queue: JobQueue

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.post("webhooks/microsoft", use: notifications)
        router.post("webhooks/microsoft/lifecycle", use: lifecycle)
    }

    struct Envelope: Decodable {
        var value: [Notification]
    }

    struct Notification: Decodable {
        var subscriptionId: String
        var clientState: String?
        var changeType: String?
        var lifecycleEvent: String?
    }

    @Sendable func notifications(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        if let echo = validationEcho(request) { return echo }
        let accepted = try await accept(request, context: context) { mailboxID, _ in [SyncJobs.sync(mailboxID: mailboxID)] }
        return Response(status: accepted ? .accepted : .unauthorized)
    }

    /// `reauthorizationRequired` renews the subscription; `subscriptionRemoved` recreates it and
    /// resyncs; `missed` resyncs. https://learn.microsoft.com/graph/change-notifications-lifecycle-events
    @Sendable func lifecycle(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        if let echo = validationEcho(request) { return echo }
        let accepted = try await accept(request, context: context) { mailboxID, event in
            switch event {
            case "reauthorizationRequired": [SyncJobs.renewPush(mailboxID: mailboxID)]
            case "subscriptionRemoved": [SyncJobs.renewPush(mailboxID: mailboxID), SyncJobs.resync(mailboxID: mailboxID)]
            case "missed": [SyncJobs.resync(mailboxID: mailboxID)]
            default: []
            }
        }
        return Response(status: accepted ? .accepted : .unauthorized)
    }

    /// Graph's validation handshake: echo the token, decoded, as text/plain, within 10 seconds.
    private func validationEcho(_ request: Request) -> Response? {
        guard let token = request.uri.queryParameters["validationToken"] else { return nil }
        let text = String(token).removingPercentEncoding ?? String(token)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Routes every notification of a batch to its mailbox, checks its client state, and enqueues
    /// the jobs `jobs` names in one statement. False when any notification is forged: the whole
    /// batch is refused, so Graph retries the genuine ones and nothing forged gets through.
    private func accept(
        _ request: Request, context: MailSyncRequestContext, jobs: (UUID, String?) -> [NewJob]
    ) async throws -> Bool {
        let body = try await request.body.collect(upTo: 1024 * 1024)
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body.readableBytesView)) else {
            throw Problems.invalidBody("The body is not a Graph notification collection.")
        }
        var pending: [NewJob] = []
        for notification in envelope.value {
            guard let mailboxID = try await store.routing.mailbox(subscriptionID: notification.subscriptionId) else {
                continue  // an old or foreign subscription: acknowledged and dropped
            }
            guard PushClientState.verify(notification.clientState, mailboxID: mailboxID, keyring: store.keyring) else {
                context.logger.notice("rejected a Graph notification with a wrong clientState")
                return false
            }
            pending += jobs(mailboxID, notification.lifecycleEvent)
        }
        if !pending.isEmpty { try await queue.enqueue(pending) }
        return true
    }
}
