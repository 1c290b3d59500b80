import Crypto
import Foundation
import Hummingbird
import Sync

/// `POST /inbound/bcc`: the operator's inbound-mail provider or MTA posts each message addressed
/// to a sync BCC address or bounce address here, as raw RFC 5322 bytes, with the envelope
/// recipients as `recipient` query parameters. Authenticated with the shared inbound token
/// (`MAILSYNC_INBOUND_TOKEN`, `Authorization: Bearer ...`); without a configured token the route
/// refuses everything.
struct InboundMailController {
    /// The largest message accepted (the attachment limit's 3 MiB, base64-encoded, with room).
    static let maxMessageBytes = 32 * 1024 * 1024

    let inbox: BCCInbox
    let token: String?

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.group("inbound").add(middleware: ErrorMappingMiddleware()).post("bcc", use: receive)
    }

    /// 202 with the decision; 404 when no recipient is a BCC or bounce address of any sub-account.
    @Sendable func receive(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<
        BCCReceiptResponse
    > {
        guard let token, Self.authorization(request.headers[.authorization], matches: token) else {
            throw Problems.unauthorized("A valid inbound token is required.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxMessageBytes)
        } catch {
            throw Problems.tooLarge()
        }
        guard body.readableBytes > 0 else { throw Problems.invalidBody("The body must be the raw message.") }
        let recipients = request.uri.queryParameters.getAll("recipient").map { String($0) }
        guard let receipt = try await inbox.receive(Array(buffer: body), recipients: recipients) else {
            throw Problems.notFound("BCC address")
        }
        return EditedResponse(status: .accepted, response: BCCReceiptResponse(receipt))
    }

    /// Compares the bearer token in constant time (by digest), so timing reveals nothing of it.
    static func authorization(_ header: String?, matches token: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
        return given == SHA256.hash(data: Data(token.utf8))
    }
}

/// The decision for a posted message.
struct BCCReceiptResponse: ResponseEncodable, Sendable {
    var decision: String
    var reason: String
    var messageId: UUID?
    var bouncedMessageIds: [UUID]

    init(_ receipt: BCCReceipt) {
        decision = receipt.decision
        reason = receipt.reason
        messageId = receipt.messageID
        bouncedMessageIds = receipt.bouncedMessageIDs
    }
}
