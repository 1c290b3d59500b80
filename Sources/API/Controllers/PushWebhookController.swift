import Foundation
import Hummingbird
import JobQueue
import Providers
import Store
import Sync

/// Provider push notifications. Each verified notification only enqueues the mailbox's coalesced
/// sync job (one live job per mailbox) and answers at once; the sync runs in a worker.
struct PushWebhookController {
    let store: Store
    let queue: JobQueue
    let gmail: GmailPushVerifier?

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.post("webhooks/gmail", use: gmailPush)
    }

    /// Gmail through Pub/Sub push: the JWT in `Authorization` must verify against Google's keys,
    /// audience and service account; an address we do not know is acknowledged and dropped, so
    /// Pub/Sub does not retry it forever.
    @Sendable func gmailPush(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        guard let gmail else { throw Problems.notFound("webhook") }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let notification: GmailPushNotification
        do {
            notification = try await gmail.verify(authorization: request.headers[.authorization], body: Array(buffer: body))
        } catch {
            context.logger.notice("rejected a Gmail push", metadata: ["error": "\(error)"])
            throw Problems.unauthorized("The push could not be verified.")
        }
        let mailboxes = try await store.routing.mailboxes(provider: .gmail, address: notification.emailAddress)
        if !mailboxes.isEmpty {
            try await queue.enqueue(mailboxes.map { SyncJobs.sync(mailboxID: $0) })
        }
        return .noContent
    }
}
