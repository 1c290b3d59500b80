import Foundation
import Hummingbird
import Store
import Sync
import SyncCore

/// Conversations: the sub-account's contacts, a contact's threads as the CRM shows them (direction,
/// the sender used, attachments and those not synced with why), a compose form (single or bulk)
/// and a reply form under each thread. Sends go through `OutboundEmailWriter`, as the API's do.
struct ConversationsPage {
    static let path = "/app/conversations"

    let store: Store
    let sending: OutboundEmailWriter?
    let renderer: PageRenderer
    let configuration: PagesConfiguration

    struct ContactRow: Sendable {
        var id: String
        var email: String
        var name: String
        var selected: Bool
    }

    struct AttachmentRow: Sendable {
        var filename: String
        var size: String
        var notSynced: String?
    }

    struct MessageRow: Sendable {
        var when: LocalDate
        var direction: String
        var directionText: String
        var from: String
        var to: String
        var sentThrough: String?
        var text: String
        var state: String?
        var attachments: [AttachmentRow]
        var hasAttachments: Bool
    }

    struct ThreadView: Sendable {
        var id: String
        var subject: String
        var messages: [MessageRow]
        var replyTo: String
    }

    struct Model: Sendable {
        var frame: PageFrame
        var notice: String?
        var contacts: [ContactRow]
        var hasContacts: Bool
        var contact: ContactRow?
        var threads: [ThreadView]
        var hasThreads: Bool
        var canSend: Bool
    }

    func addRoutes(to pages: RouterGroup<MailSyncRequestContext>) {
        pages.get("conversations", use: show)
        pages.get("conversations/:contactID", use: show)
        pages.post("conversations/send", use: send)
    }

    @Sendable func show(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, _) = try PageRoutes.user(context)
        let contactID = context.parameters.get("contactID").flatMap(UUID.init(uuidString:))
        let language = request.headers[.acceptLanguage]
        let (contacts, threads) = try await store.withTenant(scope) { tx in
            let contacts = try await tx.contacts.list(limit: 200)
            var threads = [ThreadView]()
            if let contactID, contacts.contains(where: { $0.id == contactID }) {
                for summary in try await tx.threads.summaries(contactID: contactID, limit: 20) {
                    let messages = try await tx.messages.list(threadID: summary.id, limit: 100)
                    threads.append(
                        ThreadView(
                            id: summary.id.uuidString, subject: summary.subject ?? "(no subject)",
                            messages: messages.map { Self.row($0, language: language) },
                            replyTo: messages.last?.id.uuidString ?? ""))
                }
            }
            return (contacts, threads)
        }
        let rows = contacts.map {
            ContactRow(id: $0.id.uuidString, email: $0.email, name: $0.name ?? $0.email, selected: $0.id == contactID)
        }
        let session = PageSession(request, keyring: store.keyring)
        let model = Model(
            frame: .signedIn(
                title: "Conversations", current: Self.path, csrf: session?.csrf ?? "", configuration: configuration),
            notice: request.query("sent").map { $0 == "ok" ? "Your email is on its way." : PlainWords.sendRefusal($0) },
            contacts: rows, hasContacts: !rows.isEmpty, contact: rows.first(where: \.selected), threads: threads,
            hasThreads: !threads.isEmpty, canSend: sending != nil)
        return renderer.render("conversations", model)
    }

    /// One compose or reply form: `kind` single or bulk, the contacts ticked (`to.<id>`) or the
    /// reply's thread message (`replyTo`), subject and text.
    @Sendable func send(_ request: Request, context: MailSyncRequestContext) async throws -> Response {
        let (scope, userID) = try PageRoutes.user(context)
        var request = request
        let fields = try await request.formFields(context: context)
        let back = fields["back"].flatMap(UUID.init(uuidString:)).map { "\(Self.path)/\($0.uuidString)" } ?? Self.path
        guard let sending else { return Response.seeOther(back + "?sent=not_configured") }
        let contactIDs = fields.keys.filter { $0.hasPrefix("to.") }.compactMap { UUID(uuidString: String($0.dropFirst(3))) }
        let email = OutboundEmail(
            kind: fields["kind"] == "bulk" ? .bulk : .single, actingUserID: userID,
            recipients: contactIDs.sorted { $0.uuidString < $1.uuidString }.map { .contact($0) }, from: nil,
            subject: fields["subject"] ?? "", textBody: fields["text"], htmlBody: nil,
            replyToMessageID: fields["replyTo"].flatMap(UUID.init(uuidString:)))
        do {
            _ = try await store.withTenant(scope) { tx in try await sending.write(email, in: tx) }
        } catch let rejection as SendRejection {
            return Response.seeOther(back + "?sent=\(rejection.code.description)")
        }
        return Response.seeOther(back + "?sent=ok")
    }

    private static func row(_ message: StoredMessage, language: String?) -> MessageRow {
        let through: String? =
            switch (message.direction, message.senderConnectionID) {
            case ("outbound", .some): "your mailbox"
            case ("outbound", .none): message.source == "crm" ? "the sub-account's email provider" : "outside the CRM"
            default: nil
            }
        var state = [String]()
        if message.bouncedAt != nil { state.append("bounced") }
        if message.isTrashed { state.append("in the trash") }
        if !message.isRead, message.direction == "inbound" { state.append("unread") }
        return MessageRow(
            when: LocalDate(message.sentAt ?? message.createdAt, acceptLanguage: language),
            direction: message.direction, directionText: message.direction == "inbound" ? "Received" : "Sent",
            from: message.from?.address ?? "", to: (message.to + message.cc).joined(separator: ", "),
            sentThrough: through, text: message.textBody ?? "(HTML only)", state: state.isEmpty ? nil : state.joined(separator: ", "),
            attachments: message.attachments.map {
                AttachmentRow(
                    filename: $0.filename ?? "(unnamed)", size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                    notSynced: $0.notSyncedReason.map(PlainWords.reason))
            }, hasAttachments: !message.attachments.isEmpty)
    }
}
