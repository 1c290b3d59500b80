import AsyncHTTPClient
import Emulators
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Postgres
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// CRM -> mailbox sending end to end (SPEC "Which sender sends", rule 1): the send API, the
/// outbox and `email.send` jobs run by a real worker, the Google and Microsoft emulators over
/// HTTP, and the inbound sync of the sent copies and of the contacts' replies.
@Suite(.freshDatabase, .serialized)
struct SendTests {
    /// One row of SPEC's sender table: who sends what, and where the mail must go.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let role: String
        let from: String?
        let reason: String
        let viaMailbox: Bool
        let expectedFrom: String

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(
            name: "single email by a connected user", kind: "single", role: "gmail", from: "someone@else.example",
            reason: "single_by_connected_user", viaMailbox: true, expectedFrom: SendWorld.gmail),
        Row(
            name: "bulk from exactly the connected address", kind: "bulk", role: "gmail",
            from: "Anna <ANNA@gmail.example>", reason: "bulk_from_connected_address", viaMailbox: true,
            expectedFrom: SendWorld.gmail),
        Row(
            name: "bulk with an empty From", kind: "bulk", role: "gmail", from: nil, reason: "bulk_with_empty_from",
            viaMailbox: false, expectedFrom: SendWorld.defaultFrom),
        Row(
            name: "bulk from another address", kind: "bulk", role: "gmail", from: "sales@news.bakery.example",
            reason: "bulk_from_other_address", viaMailbox: false, expectedFrom: "sales@news.bakery.example"),
        Row(
            name: "workflow email", kind: "workflow", role: "gmail", from: SendWorld.gmail, reason: "workflow",
            viaMailbox: false, expectedFrom: SendWorld.defaultFrom),
        Row(
            name: "any email by a user without an active connection", kind: "single", role: "plain", from: nil,
            reason: "no_active_connection", viaMailbox: false, expectedFrom: SendWorld.defaultFrom),
    ]

    @Test(arguments: rows)
    func senderTableRowSendsThroughTheSenderItNames(row: Row) async throws {
        try await SendWorld.with { world in
            let from = row.from.map { #","from":"\#($0)""# } ?? ""
            let answer = try await world.send(
                #"""
                {"kind":"\#(row.kind)","actingUserId":"\#(world.users[row.role]?.uuidString ?? "")",
                 "recipients":\#(world.contactList(SendWorld.carol))\#(from),"subject":"Row","text":"Hello"}
                """#)
            #expect(answer.status == .accepted, "\(answer.body)")
            let recipient = try #require(SendWorld.recipients(answer.body).first)
            #expect(recipient["sender"] as? String == (row.viaMailbox ? "mailbox" : "sub_account_provider"))
            #expect(recipient["senderReason"] as? String == row.reason)
            #expect(recipient["from"] as? String == row.expectedFrom)
            let messageID = try await world.messageIDHeader(try #require(recipient["messageId"] as? String))
            try await world.runWorker()

            #expect(try await world.column("SELECT state FROM outbox", as: String.self) == ["sent"])
            let gmailCopies = try await world.gmailCopies(of: messageID)
            let smtp = await world.mailer.sent
            if row.viaMailbox {
                #expect(gmailCopies.count == 1)
                #expect((gmailCopies.first?["labelIds"] as? [String])?.contains("SENT") == true)
                #expect(smtp.isEmpty)
            } else {
                #expect(gmailCopies.isEmpty)
                let mail = try #require(smtp.first)
                #expect(smtp.count == 1)
                #expect(mail.messageID == messageID)
                #expect(mail.envelopeSender == BounceAddress.of(bccAddress: world.bccAddress))
                #expect(mail.recipients == [SendWorld.carol])
                let parsed = MessageParser().parse(mail.raw)
                #expect(parsed.from.first?.address == row.expectedFrom)
                #expect(mail.settings.sendingDomain == SendWorld.sendingDomain)
            }
            #expect(try await world.count("SELECT count(*)::integer FROM events WHERE type = 'message.sent'") == 1)
        }
    }

    @Test(arguments: ["gmail", "outlook"])
    func singleEmailLandsInSentAndTheContactsReplySyncsIntoTheSameThread(role: String) async throws {
        try await SendWorld.with { world in
            let answer = try await world.single(as: role, subject: "Your quote", text: "Here it is.")
            #expect(answer.status == .accepted, "\(answer.body)")
            let recipient = try #require(SendWorld.recipients(answer.body).first)
            let crmID = try #require(recipient["messageId"] as? String)
            let threadID = try #require(recipient["threadId"] as? String)
            let messageID = try await world.messageIDHeader(crmID)
            #expect(messageID.hasSuffix("@crm.bakery.example"))
            let connection = try await world.connection(role)
            try await world.runWorker()

            // The mail is in the mailbox's Sent, in a thread, and mapped before any sync.
            let providerThread: String
            let providerID: String
            if role == "gmail" {
                let copy = try #require(try await world.gmailCopies(of: messageID).first)
                #expect((copy["labelIds"] as? [String])?.contains("SENT") == true)
                providerThread = try #require(copy["threadId"] as? String)
                providerID = try #require(copy["id"] as? String)
            } else {
                let copies = try await world.outlookCopies(of: messageID)
                #expect(copies.map(\.folder) == ["sentitems"])
                let copy = try #require(copies.first).message
                providerThread = copy.conversationID
                providerID = copy.id
            }
            #expect(
                try await world.column(
                    "SELECT provider_thread_id FROM provider_thread_maps WHERE connection_id = \(connection.id)",
                    as: String.self) == [providerThread])
            #expect(
                try await world.column(
                    "SELECT provider_message_id || '/' || state FROM outbox", as: String.self) == ["\(providerID)/sent"]
            )

            // The sync reads the sent copy: still one CRM message, the copy is the CRM's own.
            try await world.runWorker(syncing: [connection.mailboxID])
            #expect(try await world.count("SELECT count(*)::integer FROM messages") == 1)
            #expect(
                try await world.column(
                    """
                    SELECT decision || '/' || reason FROM sync_decisions
                    WHERE connection_id = \(connection.id) AND provider_message_id = \(providerID)
                    """, as: String.self) == ["synced/crm_send"])

            // Carol answers; the reply arrives in the mailbox and syncs into the same CRM thread.
            let reply = [
                "From: Carol <\(SendWorld.carol)>", "To: \(role == "gmail" ? SendWorld.gmail : SendWorld.outlook)",
                "Subject: Re: Your quote", "Date: Sun, 29 Nov 2026 10:00:00 +0000",
                "Message-ID: <reply-\(role)@client.example>",
                "In-Reply-To: <\(messageID)>", "References: <\(messageID)>", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "", "Thanks!", "",
            ].joined(separator: "\r\n")
            if role == "gmail" {
                let delivered = try #require(
                    await world.google.world.deliver(raw: Array(reply.utf8), to: SendWorld.gmail))
                #expect(delivered.threadID == providerThread)
            } else {
                let delivered = try await world.microsoft.state.deliver(Array(reply.utf8), to: SendWorld.outlook)
                #expect(delivered.conversationID == providerThread)
            }
            try await world.runWorker(syncing: [connection.mailboxID])
            #expect(
                try await world.column(
                    "SELECT thread_id::text || '/' || direction || '/' || source FROM messages ORDER BY created_at",
                    as: String.self) == [
                        "\(threadID.lowercased())/outbound/crm", "\(threadID.lowercased())/inbound/mailbox",
                    ])
            #expect(try await world.column("SELECT origin FROM threads", as: String.self) == ["crm"])
        }
    }

    @Test(arguments: ["gmail", "outlook"])
    func aRetryAfterTheProviderAcceptedTheSendFindsTheCopyAndSendsOnce(role: String) async throws {
        try await SendWorld.with { world in
            let answer = try await world.single(as: role, subject: "Once", text: "Only once.")
            let (recipient, messageID) = try await world.firstRecipient(answer)
            // The first attempt marked the row `sending`, the provider accepted the mail, and the
            // worker died before its commit: the mailbox holds the copy, the row says `sending`.
            let raw = Array(
                mail(from: role == "gmail" ? SendWorld.gmail : SendWorld.outlook, to: SendWorld.carol, id: messageID)
                    .utf8)
            if role == "gmail" {
                var request = HTTPClientRequest(
                    url: world.origin.absoluteString + "/emulator/google/accounts/\(SendWorld.gmail)/send")
                request.method = .POST
                request.body = .bytes(raw)
                let response = try await world.http.execute(request, timeout: .seconds(10))
                #expect(response.status.code < 300)
            } else {
                _ = try await world.microsoft.state.send(raw, from: SendWorld.outlook)
            }
            try await world.store.withTenant(world.scope) { tx in
                try await tx.connection.query("UPDATE outbox SET state = 'sending', attempts = 1")
            }
            try await world.runWorker()

            let copies =
                role == "gmail"
                ? try await world.gmailCopies(of: messageID).count
                : try await world.outlookCopies(of: messageID).count
            #expect(copies == 1)
            #expect(
                try await world.column("SELECT state || '/' || attempts FROM outbox", as: String.self) == ["sent/1"])
            #expect(try await world.count("SELECT count(*)::integer FROM provider_message_maps") == 1)
        }
    }

    @Test(arguments: ["gmail", "outlook"])
    func aSentCopySyncedBeforeItsSendWasRecordedJoinsTheCRMMessage(role: String) async throws {
        try await SendWorld.with { world in
            let (_, messageID) = try await world.firstRecipient(
                try await world.single(as: role, subject: "Race", text: "Synced early."))
            let connection = try await world.connection(role)
            try await world.runWorker()
            // As if the sync read the sent copy between the provider call and the send's commit.
            try await world.store.withTenant(world.scope) { tx in
                try await tx.connection.query("DELETE FROM provider_message_maps")
                try await tx.connection.query("DELETE FROM sync_decisions")
            }
            try await world.runWorker(syncing: [connection.mailboxID])
            #expect(try await world.count("SELECT count(*)::integer FROM messages") == 1)
            #expect(try await world.count("SELECT count(*)::integer FROM provider_message_maps") == 1)
            #expect(
                try await world.column("SELECT decision || '/' || reason FROM sync_decisions", as: String.self) == [
                    "synced/crm_thread"
                ])
            #expect(try await world.column("SELECT message_id FROM messages", as: String.self) == [messageID])
        }
    }

    @Test func aRowLeftSendingWithoutACopySendsOnRetry() async throws {
        try await SendWorld.with { world in
            let answer = try await world.single(subject: "Lost", text: "Never reached Google.")
            let (recipient, messageID) = try await world.firstRecipient(answer)
            try await world.store.withTenant(world.scope) { tx in
                try await tx.connection.query("UPDATE outbox SET state = 'sending', attempts = 1")
            }
            try await world.runWorker()
            #expect(try await world.gmailCopies(of: messageID).count == 1)
            #expect(
                try await world.column("SELECT state || '/' || attempts FROM outbox", as: String.self) == ["sent/2"])
        }
    }

    @Test func idempotencyKeyReplaysTheFirstAnswerAndSendsOnce() async throws {
        try await SendWorld.with { world in
            let first = try await world.single(subject: "Retry", text: "Safe to retry.", idempotencyKey: "req-1")
            let second = try await world.single(subject: "Retry", text: "Safe to retry.", idempotencyKey: "req-1")
            #expect(first.status == .accepted)
            #expect(second.status == .accepted)
            #expect(NSDictionary(dictionary: first.body) == NSDictionary(dictionary: second.body))
            let changed = try await world.single(subject: "Other", text: "Safe to retry.", idempotencyKey: "req-1")
            #expect(changed.status == .unprocessableContent)
            #expect(changed.body["type"] as? String == "https://mailsync.dev/problems/idempotency-key-reused")
            let another = try await world.single(subject: "Retry", text: "Safe to retry.", idempotencyKey: "req-2")
            #expect(another.status == .accepted)

            try await world.runWorker()
            #expect(try await world.count("SELECT count(*)::integer FROM messages") == 2)
            let messageID = try await world.messageIDHeader(
                try #require(SendWorld.recipients(first.body).first?["messageId"] as? String))
            #expect(try await world.gmailCopies(of: messageID).count == 1)
            #expect(try await world.column("SELECT state FROM outbox", as: String.self) == ["sent", "sent"])
        }
    }

    @Test func twoConcurrentRequestsWithOneKeyWriteOneEmail() async throws {
        try await SendWorld.with { world in
            // Each answer as status and CRM message id (dictionaries are not Sendable).
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let answer = try await world.single(subject: "Twice", text: "At once.", idempotencyKey: "same")
                        return "\(answer.status.code) \(SendWorld.recipients(answer.body).first?["messageId"] ?? "")"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(answers.count == 2)
            #expect(answers[0] == answers[1])
            #expect(answers[0].hasPrefix("202 "))
            #expect(try await world.count("SELECT count(*)::integer FROM outbox") == 1)
        }
    }

    @Test(arguments: ["gmail", "outlook"])
    func anAttachmentOf2Point9MiBGoesThroughTheMailbox(role: String) async throws {
        try await SendWorld.with { world in
            let size = 3_040_870  // 2.9 MiB
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let answer = try await world.single(
                as: role, subject: "Plans", text: "Attached.",
                extra: #"""
                    ,"attachments":[{"filename":"plans.pdf","contentType":"application/pdf",
                                    "contentBase64":"\#(Data(bytes).base64EncodedString())"}]
                    """#)
            #expect(answer.status == .accepted, "\(answer.body)")
            let (recipient, messageID) = try await world.firstRecipient(answer)
            try await world.runWorker()

            #expect(try await world.column("SELECT state FROM outbox", as: String.self) == ["sent"])
            let raw: [UInt8]
            if role == "gmail" {
                let copy = try #require(try await world.gmailCopies(of: messageID).first)
                let text = try #require(copy["raw"] as? String)
                raw = try #require(SendWorld.raw(text))
            } else {
                let copy = try #require(try await world.outlookCopies(of: messageID).first)
                raw = try await world.microsoft.state.rawMessage(copy.message.id, in: SendWorld.outlook)
            }
            let attachment = try #require(MessageParser().parse(raw).attachments.first)
            #expect(attachment.filename == "plans.pdf")
            #expect(attachment.data == bytes)
            #expect(
                try await world.column("SELECT size FROM message_attachments", as: Int.self) == [bytes.count])
        }
    }

    @Test func bulkMailPastTheDailyLimitWaitsForTheNextDay() async throws {
        try await SendWorld.with(limits: DailySendLimits(gmail: 2, microsoft: 2)) { world in
            let erin = try await world.store.withTenant(world.scope) { tx in
                try await tx.contacts.create(email: "erin@client.example", name: nil, source: .crm).id
            }
            let answer = try await world.send(
                #"""
                {"kind":"bulk","actingUserId":"\#(world.users["gmail"]?.uuidString ?? "")","from":"\#(SendWorld.gmail)",
                 "recipients":[{"contactId":"\#(world.contacts[SendWorld.carol]?.uuidString ?? "")"},
                               {"contactId":"\#(world.contacts[SendWorld.dave]?.uuidString ?? "")"},
                               {"contactId":"\#(erin.uuidString)"}],
                 "subject":"News","text":"Our news."}
                """#)
            #expect(
                SendWorld.recipients(answer.body).map { $0["sender"] as? String }
                    == Array(repeating: "mailbox", count: 3))
            try await world.runWorker()

            #expect(
                try await world.column("SELECT state FROM outbox ORDER BY state", as: String.self) == [
                    "queued", "sent", "sent",
                ])
            #expect(
                try await world.column("SELECT last_error FROM outbox WHERE state = 'queued'", as: String.self).first?
                    .contains("daily sending limit") == true)
            let waitsUntil = try #require(
                try await world.store.client.query(
                    """
                    SELECT run_at FROM jobs WHERE kind = 'email.send' AND state = 'available'
                      AND fairness_key = \(world.subAccountID.uuidString)
                    """
                ).decodeColumn(Date.self).first)
            #expect(waitsUntil >= DailySendLimits.nextUTCDay(after: Date()).addingTimeInterval(-1))
            let sent = try await world.gmailMessages().filter {
                ($0["labelIds"] as? [String])?.contains("SENT") == true
            }
            #expect(sent.count == 2)
        }
    }

    @Test func aContactWhoUnsubscribedIsSkippedByLaterBulkMail() async throws {
        try await SendWorld.with { world in
            let bulk = #"""
                {"kind":"bulk","actingUserId":"\#(world.users["gmail"]?.uuidString ?? "")","from":"\#(SendWorld.gmail)",
                 "recipients":\#(world.contactList(SendWorld.carol, SendWorld.dave)),
                 "subject":"News","text":"Our news."}
                """#
            let first = try await world.send(bulk)
            #expect(SendWorld.recipients(first.body).count == 2)
            try await world.runWorker()

            // Carol's copy carries a one-click List-Unsubscribe link to the service.
            let carolCopy = try #require(
                try await world.gmailMessages().first {
                    MessageParser().parse(SendWorld.raw($0["raw"] as? String ?? "") ?? []).to.first?.address
                        == SendWorld.carol
                })
            let carolRaw = try #require(carolCopy["raw"] as? String)
            let parsed = MessageParser().parse(try #require(SendWorld.raw(carolRaw)))
            #expect(parsed.header["List-Unsubscribe-Post"]?.value == "List-Unsubscribe=One-Click")
            let header = try #require(parsed.header["List-Unsubscribe"]?.value)
            let link = try #require(
                header.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \r\n\t")) }
                    .first { $0.hasPrefix("https://mailsync.example/u/") })
            let path = String(link.dropFirst("https://mailsync.example".count))
            #expect(header.contains("mailto:\(world.bccAddress)"))

            let page = try await world.client.execute(uri: path, method: .get) { $0 }
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("<form method=\"post\">"))
            #expect(
                try await world.count("SELECT count(*)::integer FROM contacts WHERE bulk_unsubscribed_at IS NOT NULL")
                    == 0)
            let forged = try await world.client.execute(uri: path + "x", method: .post) { $0.status }
            #expect(forged == .notFound)
            let unsubscribed = try await world.client.execute(
                uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            ) { $0.status }
            #expect(unsubscribed == .ok)

            let second = try await world.send(bulk)
            #expect(SendWorld.recipients(second.body).map { $0["email"] as? String } == [SendWorld.dave])
            let skipped = second.body["skipped"] as? [[String: Any]] ?? []
            #expect(skipped.map { $0["email"] as? String } == [SendWorld.carol])
            #expect(skipped.map { $0["reason"] as? String } == ["unsubscribed"])
        }
    }

    @Test func attachmentPolicyViolationsAnswer422AndWriteNothing() async throws {
        try await SendWorld.with { world in
            func attempt(_ filename: String, _ type: String, size: Int) async throws -> [String: Any] {
                let answer = try await world.single(
                    subject: "Files", text: "Attached.",
                    extra: #"""
                        ,"attachments":[{"filename":"\#(filename)","contentType":"\#(type)",
                                        "contentBase64":"\#(Data(count: size).base64EncodedString())"}]
                        """#)
                #expect(answer.status == .unprocessableContent)
                return (answer.body["invalid-params"] as? [[String: Any]])?.first ?? [:]
            }
            let tooLarge = try await attempt("big.pdf", "application/pdf", size: 3_145_729)
            #expect(tooLarge["name"] as? String == "attachments[0]")
            #expect((tooLarge["reason"] as? String)?.contains("larger") == true)
            let wrongType = try await attempt("setup.exe", "application/octet-stream", size: 10)
            #expect((wrongType["reason"] as? String)?.contains("type") == true)
            #expect(try await world.count("SELECT count(*)::integer FROM messages") == 0)
            #expect(try await world.count("SELECT count(*)::integer FROM outbox") == 0)
        }
    }

    @Test func aReplyInAThreadOfASupersededConnectionGoesOutThroughTheNewOne() async throws {
        try await SendWorld.with { world in
            let first = try await world.single(subject: "Plan", text: "First.")
            let parent = try #require(SendWorld.recipients(first.body).first)
            try await world.runWorker()
            let old = try await world.connection("gmail")

            // Update email: the user connects another Google account.
            let newAddress = "anna.new@gmail.example"
            try await world.updateGmail(to: newAddress)
            let current = try await world.connection("gmail")
            #expect(current.id != old.id)

            let reply = try await world.single(
                subject: "Re: Plan", text: "Second.",
                extra: #","replyToMessageId":"\#(parent["messageId"] as? String ?? "")""#)
            let answer = try #require(SendWorld.recipients(reply.body).first)
            #expect(answer["threadId"] as? String == parent["threadId"] as? String)
            #expect(answer["from"] as? String == newAddress)
            #expect(answer["connectionId"] as? String == current.id.uuidString)
            let replyID = try await world.messageIDHeader(try #require(answer["messageId"] as? String))
            try await world.runWorker()

            #expect(try await world.gmailCopies(of: replyID).isEmpty)
            let copies = try await world.gmailMessages(of: newAddress).filter {
                ($0["messageId"] as? String)?.contains(replyID) == true
            }
            #expect(copies.count == 1)
            let copyRaw = try #require(copies.first?["raw"] as? String)
            let parentID = try await world.messageIDHeader(try #require(parent["messageId"] as? String))
            #expect(MessageParser().parse(try #require(SendWorld.raw(copyRaw))).inReplyTo == [parentID])
            let replyCRMID = try #require(UUID(uuidString: answer["messageId"] as? String ?? ""))
            #expect(
                try await world.column(
                    "SELECT sent_connection_id FROM outbox WHERE message_id = \(replyCRMID)", as: UUID.self) == [
                        current.id
                    ])
        }
    }

    @Test func aSendQueuedBeforeAnUpdateEmailGoesOutThroughTheNewConnection() async throws {
        try await SendWorld.with { world in
            let queued = try await world.single(subject: "Queued", text: "Waiting.")
            let recipient = try #require(SendWorld.recipients(queued.body).first)
            let newAddress = "anna.other@gmail.example"
            try await world.updateGmail(to: newAddress)
            try await world.runWorker()

            let messageID = try await world.messageIDHeader(try #require(recipient["messageId"] as? String))
            #expect(try await world.gmailCopies(of: messageID).isEmpty)
            let copy = try #require(
                try await world.gmailMessages(of: newAddress).first {
                    ($0["messageId"] as? String)?.contains(messageID) == true
                })
            let copyRaw = try #require(copy["raw"] as? String)
            #expect(MessageParser().parse(try #require(SendWorld.raw(copyRaw))).from.first?.address == newAddress)
            #expect(try await world.column("SELECT from_address FROM messages", as: String.self) == [newAddress])
        }
    }

    @Test func aRefusalFailsWithoutRetryingAndARateLimitRetriesAfterTheProvidersDelay() async throws {
        try await SendWorld.with { world in
            func outbox(_ answer: (status: HTTPResponse.Status, body: [String: Any])) throws -> UUID {
                try #require(UUID(uuidString: SendWorld.recipients(answer.body).first?["outboxId"] as? String ?? ""))
            }
            // Google refuses the call (403 PERMISSION_DENIED: the grant does not allow sending).
            await world.google.world.inject(
                InjectedFault(endpoint: "gmail.users.messages.send", status: 403, reason: "forbidden"))
            let refused = try outbox(try await world.single(subject: "Busy", text: "Later."))
            try await world.runWorker()
            #expect(
                try await world.column(
                    "SELECT state || ': ' || last_error FROM outbox WHERE id = \(refused)", as: String.self)
                    == ["failed: The mailbox needs to be connected again; the email was not sent."])
            #expect(
                try await world.store.client.query(
                    """
                    SELECT state FROM jobs WHERE kind = 'email.send' AND fairness_key = \(world.subAccountID.uuidString)
                    """
                ).decodeColumn(String.self) == ["succeeded"])

            await world.google.world.inject(
                InjectedFault(endpoint: "gmail.users.messages.send", status: 429, retryAfter: 30))
            let throttled = try outbox(try await world.single(subject: "Busy", text: "Later."))
            try await world.runWorker()
            #expect(
                try await world.column(
                    "SELECT state || ': ' || last_error FROM outbox WHERE id = \(throttled)", as: String.self)
                    == ["sending: The provider asked to slow down; the email is sent later."])
            let retryAt = try #require(
                try await world.store.client.query(
                    """
                    SELECT run_at FROM jobs WHERE kind = 'email.send' AND state = 'available'
                      AND fairness_key = \(world.subAccountID.uuidString)
                    """
                ).decodeColumn(Date.self).first)
            #expect(retryAt > Date().addingTimeInterval(20))
        }
    }

    @Test func aRejectedGrantFailsTheSendWithTheReasonShown() async throws {
        try await SendWorld.with { world in
            _ = await world.google.world.revokeGrants(of: SendWorld.gmail)
            _ = await world.google.world.expireAccessTokens(of: SendWorld.gmail)
            _ = try await world.single(subject: "Grant", text: "Gone.")
            try await world.runWorker()
            #expect(
                try await world.column("SELECT state || ': ' || last_error FROM outbox", as: String.self) == [
                    "failed: The mailbox needs to be connected again; the email was not sent."
                ])
        }
    }
}

/// A plain-text message as a mailbox owner sends it, with a given Message-ID.
private func mail(from: String, to: String, id: String) -> String {
    [
        "From: \(from)", "To: \(to)", "Subject: Once", "Date: Sun, 29 Nov 2026 09:00:00 +0000", "Message-ID: <\(id)>",
        "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Only once.", "",
    ].joined(separator: "\r\n")
}
