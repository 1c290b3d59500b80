import Foundation
import HTTPTypes
import Hummingbird
import Mail
import NIOCore
import Store
import Sync
import SyncCore

/// `POST /v1/sub-accounts/{id}/emails`: the CRM sends an email (single, bulk or workflow). The
/// sender is chosen per SPEC's table, the CRM message(s), outbox rows and `email.send` jobs are
/// written in one transaction, and the answer (202) says per recipient which sender sends and
/// which CRM message carries it. An `Idempotency-Key` replays the first answer for the same body
/// and refuses another body (422), for 24 hours.
struct EmailController {
    /// Bodies carry base64 attachments: up to 3 MiB each by default, so more than the usual 1 MiB.
    static let maxBodySize = 32 * 1024 * 1024

    /// The header that makes a retried request safe.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    let store: Store
    let writer: OutboundEmailWriter

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("sub-accounts/:subAccountID/emails", use: send)
    }

    struct RecipientBody: Decodable, Sendable {
        var contactId: UUID?
        var email: String?
    }

    struct AttachmentBody: Decodable, Sendable {
        var filename: String
        var contentType: String
        var contentBase64: String
    }

    struct SendBody: ValidatedBody {
        var kind: String
        var actingUserId: UUID?
        var recipients: [RecipientBody]
        var from: String?
        var subject: String
        var text: String?
        var html: String?
        var attachments: [AttachmentBody]?
        var replyToMessageId: UUID?

        func validate() -> [ProblemDetails.InvalidParam] {
            var problems =
                FieldRules.singleLine(from, "from") + FieldRules.singleLine(subject, "subject", maxLength: 998)
            if SenderChoice.Kind(rawValue: kind) == nil {
                problems.append(.init(name: "kind", reason: "must be one of single, bulk, workflow"))
            }
            if recipients.isEmpty { problems.append(.init(name: "recipients", reason: "must not be empty")) }
            if recipients.count > 1000 { problems.append(.init(name: "recipients", reason: "must be at most 1000")) }
            for (index, recipient) in recipients.enumerated()
            where (recipient.contactId == nil) == (recipient.email == nil) {
                problems.append(
                    .init(name: "recipients[\(index)]", reason: "must name exactly one of contactId, email"))
            }
            for (index, recipient) in recipients.enumerated() {
                if let email = recipient.email { problems += FieldRules.email(email, "recipients[\(index)].email") }
            }
            if text == nil, html == nil { problems.append(.init(name: "text", reason: "text or html is required")) }
            for (index, attachment) in (attachments ?? []).enumerated() {
                problems += FieldRules.nonEmpty(attachment.filename, "attachments[\(index)].filename")
                problems += FieldRules.nonEmpty(attachment.contentType, "attachments[\(index)].contentType")
                if Data(base64Encoded: attachment.contentBase64) == nil {
                    problems.append(.init(name: "attachments[\(index)].contentBase64", reason: "must be base64"))
                }
            }
            return problems
        }

        var email: OutboundEmail {
            OutboundEmail(
                kind: SenderChoice.Kind(rawValue: kind) ?? .single, actingUserID: actingUserId,
                recipients: recipients.map {
                    $0.contactId.map(OutboundEmail.Recipient.contact) ?? .address($0.email ?? "")
                },
                from: from, subject: subject, textBody: text, htmlBody: html,
                attachments: (attachments ?? []).map {
                    OutgoingAttachment(
                        filename: $0.filename, contentType: $0.contentType,
                        data: [UInt8](Data(base64Encoded: $0.contentBase64) ?? Data()))
                },
                replyToMessageID: replyToMessageId)
        }
    }

    @Sendable func send(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let scope = try TenantAccess.subAccount(request, context)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodySize)
        } catch {
            throw Problems.tooLarge(limit: "32 MiB")
        }
        let body = try Request.decodeJSON(SendBody.self, from: buffer)
        let key = request.headers[Self.idempotencyKey]
        if let key, key.isEmpty || key.count > 255 {
            throw Problems.invalidBody(
                "The Idempotency-Key is invalid.",
                fields: [.init(name: "Idempotency-Key", reason: "must be 1 to 255 characters")])
        }
        let hash = IdempotencyKeyRepository.requestHash(route: "emails", body: Array(buffer.readableBytesView))
        let (status, bytes) = try await TenantAccess.withSubAccount(store, scope) { tx -> (Int, [UInt8]) in
            if let key {
                switch try await tx.idempotencyKeys.claim(key, requestHash: hash) {
                case .replay(let status, let body): return (status, body)
                case .mismatch: throw Self.keyReused()
                case .claimed: break
                }
            }
            let receipt: SendReceipt
            do {
                receipt = try await writer.write(body.email, in: tx)
            } catch let rejection as SendRejection {
                throw Self.problem(rejection)
            }
            let bytes = Array(try context.responseEncoder.encode(SendResponse(receipt)))
            if let key { try await tx.idempotencyKeys.complete(key, status: 202, body: bytes) }
            return (202, bytes)
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func keyReused() -> ProblemDetails {
        ProblemDetails(
            slug: "idempotency-key-reused", title: "Idempotency-Key reused", status: .unprocessableContent,
            detail: "This Idempotency-Key was used with a different request in the last 24 hours.")
    }

    static func problem(_ rejection: SendRejection) -> ProblemDetails {
        let reason: String
        switch rejection.code {
        case .unknownUser: reason = "is not a user of the sub-account"
        case .unknownContact: reason = "is not a contact of the sub-account"
        case .unknownReplyMessage: reason = "is not a message of the sub-account"
        case .noRecipients: reason = "names nobody to send to"
        case .invalidAddress: reason = "must be an email address like anna@example.com"
        case .attachmentTooLarge: reason = "is larger than the sub-account's attachment limit"
        case .attachmentTypeNotAllowed: reason = "has a type the sub-account's attachment policy does not allow"
        case .noSubAccountProvider: reason = "needs the sub-account's email provider, which is not configured"
        default: reason = "cannot be written into an email"
        }
        return Problems.invalidBody(
            "The email cannot be sent as requested.", fields: [.init(name: rejection.field, reason: reason)])
    }
}

/// The answer of a send request.
struct SendResponse: Encodable {
    struct Recipient: Encodable {
        var contactId: UUID
        var email: String
        var messageId: UUID
        var threadId: UUID
        var outboxId: UUID
        var sender: String
        var senderReason: String
        var connectionId: UUID?
        var from: String
    }

    struct Skipped: Encodable {
        var contactId: UUID
        var email: String
        var reason: String
    }

    var messageIds: [UUID]
    var recipients: [Recipient]
    var skipped: [Skipped]

    init(_ receipt: SendReceipt) {
        messageIds = receipt.messageIDs
        recipients = receipt.queued.map {
            Recipient(
                contactId: $0.contactID, email: $0.address, messageId: $0.messageID, threadId: $0.threadID,
                outboxId: $0.outboxID, sender: $0.sender, senderReason: $0.senderReason, connectionId: $0.connectionID,
                from: $0.from)
        }
        skipped = receipt.skipped.map { Skipped(contactId: $0.contactID, email: $0.address, reason: $0.reason) }
    }
}
