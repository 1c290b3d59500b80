import Foundation
import Hummingbird
import JobQueue
import Store
import Sync
import SyncCore

/// Synced mail for the CRM (agency keys): a contact's conversation (its threads, newest activity
/// first), a thread's messages, one message, an attachment's bytes, and marking a message read or
/// unread, which the connected mailboxes that hold it follow (SPEC rule 10).
struct MailController {
    let store: Store
    let queue: JobQueue

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.get("sub-accounts/:subAccountID/contacts/:contactID/threads", use: threads)
        group.get("sub-accounts/:subAccountID/threads/:threadID/messages", use: messages)
        group.get("sub-accounts/:subAccountID/messages/:messageID", use: message)
        group.patch("sub-accounts/:subAccountID/messages/:messageID", use: update)
        group.get("sub-accounts/:subAccountID/messages/:messageID/attachments/:partID", use: attachment)
    }

    struct UpdateBody: ValidatedBody {
        var isRead: Bool
        func validate() -> [ProblemDetails.InvalidParam] { [] }
    }

    @Sendable func threads(_ request: Request, context: MailSyncRequestContext) async throws
        -> Page<ThreadSummaryResponse>
    {
        let scope = try TenantAccess.subAccount(request, context)
        let contactID = try TenantAccess.uuid(context, "contactID", what: "contact")
        let page = try PageRequest(request)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard try await tx.contacts.get(contactID) != nil else { throw Problems.notFound("contact") }
            let threads = try await tx.threads.summaries(contactID: contactID, after: page.after, limit: page.limit + 1)
            return page.page(threads.map(ThreadSummaryResponse.init), id: \.id)
        }
    }

    @Sendable func messages(_ request: Request, context: MailSyncRequestContext) async throws -> Page<MessageResponse> {
        let scope = try TenantAccess.subAccount(request, context)
        let threadID = try TenantAccess.uuid(context, "threadID", what: "thread")
        let page = try PageRequest(request)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard try await tx.threads.summary(threadID) != nil else { throw Problems.notFound("thread") }
            let messages = try await tx.messages.list(threadID: threadID, after: page.after, limit: page.limit + 1)
            return page.page(messages.map(MessageResponse.init), id: \.id)
        }
    }

    @Sendable func message(_ request: Request, context: MailSyncRequestContext) async throws -> MessageResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "messageID", what: "message")
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard let message = try await tx.messages.get(id) else { throw Problems.notFound("message") }
            return MessageResponse(message)
        }
    }

    /// Stores the read state with its `message.state_changed` event and, in the same transaction,
    /// one `message.set_read` job per connected mailbox holding the message. A state that is
    /// already stored writes no event but still enqueues the jobs, so asking again repairs a
    /// mailbox that missed the change.
    @Sendable func update(_ request: Request, context: MailSyncRequestContext) async throws -> MessageResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "messageID", what: "message")
        let body = try await request.decodeJSON(UpdateBody.self, context: context)
        let queue = queue
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            if try await tx.messages.setRead(id, isRead: body.isRead) {
                try await tx.events.append(
                    MessageStateChanged.eventType, payload: MessageStateChanged(messageID: id, connectionID: nil))
            }
            guard let message = try await tx.messages.get(id) else { throw Problems.notFound("message") }
            let jobs = try await tx.messages.connectedCopies(of: id).map { connectionID in
                MessageReadStateHandler.job(
                    connection: ConnectionRef(scope: scope, connectionID: connectionID), messageID: id,
                    isRead: body.isRead)
            }
            try await queue.enqueue(jobs, on: tx.connection)
            return MessageResponse(message)
        }
    }

    /// The attachment's bytes; a "not synced" attachment is a 404 whose problem says why.
    @Sendable func attachment(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "messageID", what: "message")
        guard let partID = context.parameters.get("partID") else { throw Problems.notFound("attachment") }
        let content = try await TenantAccess.withSubAccount(store, scope) { tx in
            try await tx.messages.attachmentContent(messageID: id, partID: partID)
        }
        guard let content else { throw Problems.notFound("attachment") }
        guard let bytes = content.bytes else {
            throw ProblemDetails(
                slug: "attachment-not-synced", title: "Attachment not synced", status: .notFound,
                detail: "This attachment was not synced (reason: \(content.attachment.notSyncedReason ?? "unknown")).")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: AttachmentHeaders.contentType(content.attachment.mimeType),
                .contentDisposition: AttachmentHeaders.contentDisposition(filename: content.attachment.filename),
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
