import Foundation
import HummingbirdTesting
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The CRM's read API over a real synced Gmail mailbox (Google emulator over HTTP, real worker,
/// real database), and marking messages read or unread from the CRM (rule 10).
@Suite(.freshDatabase, .serialized)
struct MailReadAPITests {
    @Test func conversationThreadMessageAndAttachmentsReadBackAsSynced() async throws {
        try await SyncWorld.with(mailbox: "r") { world in
            try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: world.address, subject: "Files", id: "files@client.example",
                    attachments: [
                        ("Angebot für Anna.pdf", "application/pdf", "%PDF-1.4 quote"),
                        ("tool.exe", "application/octet-stream", "MZ!!"),
                    ]))
            try await world.send(
                later(
                    mail(
                        from: world.address, to: [SyncWorld.carol], subject: "Re: Files", id: "files-re@gmail.example",
                        replyTo: "files@client.example", body: "Thanks, Carol")))
            try await world.syncWithWorker()
            let carol = try #require(world.contacts[SyncWorld.carol])
            let base = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))"

            try await world.withAPI { client, key in
                let threads = try await client.call(.get, "\(base)/contacts/\(carol)/threads", key: key)
                #expect(threads.status == .ok)
                let thread = try #require(threads.items.first)
                #expect(threads.items.count == 1)
                #expect(thread["subject"] as? String == "Files")
                #expect(thread["messageCount"] as? Int == 2)
                #expect(thread["participants"] as? [String] == [SyncWorld.carol, world.address])
                #expect(thread["lastMessageAt"] is String)
                let threadID = try #require(thread["id"] as? String)

                let messages = try await client.call(.get, "\(base)/threads/\(threadID)/messages", key: key)
                #expect(
                    messages.items.map { $0["messageId"] as? String } == [
                        "files@client.example", "files-re@gmail.example",
                    ])
                let inbound = try #require(messages.items.first)
                #expect(inbound["direction"] as? String == "inbound")
                #expect(inbound["source"] as? String == "mailbox")
                #expect(inbound["syncReason"] as? String == "contact_inbound")
                #expect((inbound["from"] as? [String: Any])?["address"] as? String == SyncWorld.carol)
                #expect(inbound["to"] as? [String] == [world.address])
                #expect((inbound["textBody"] as? String)?.contains("See attached.") == true)
                #expect(inbound["isRead"] as? Bool == false)
                #expect(inbound["sentThrough"] == nil)
                let reply = try #require(messages.items.last)
                #expect(reply["direction"] as? String == "outbound")
                #expect(reply["sentThrough"] as? String == "connection")
                #expect(reply["senderConnectionId"] as? String == world.connectionID.uuidString)
                #expect((reply["textBody"] as? String)?.contains("Thanks, Carol") == true)

                let messageID = try #require(inbound["id"] as? String)
                let message = try await client.call(.get, "\(base)/messages/\(messageID)", key: key)
                #expect(message.status == .ok)
                #expect(message.json["threadId"] as? String == threadID)
                let attachments = try #require(message.json["attachments"] as? [[String: Any]])
                #expect(attachments.map { $0["filename"] as? String } == ["Angebot für Anna.pdf", "tool.exe"])
                #expect(attachments.map { $0["synced"] as? Bool } == [true, false])
                #expect(attachments.last?["notSyncedReason"] as? String == "unsupported_type")
                #expect(attachments.first?["size"] as? Int == 14)

                let pdfPart = try #require(attachments.first?["partId"] as? String)
                let pdf = try await client.call(.get, "\(base)/messages/\(messageID)/attachments/\(pdfPart)", key: key)
                #expect(pdf.status == .ok)
                #expect(pdf.bytes == Array("%PDF-1.4 quote".utf8))
                #expect(pdf.headers[.contentType] == "application/pdf")
                #expect(
                    pdf.headers[.contentDisposition]
                        == "attachment; filename=\"Angebot f__r Anna.pdf\"; filename*=UTF-8''Angebot%20f%C3%BCr%20Anna.pdf"
                )

                let exePart = try #require(attachments.last?["partId"] as? String)
                let exe = try await client.call(.get, "\(base)/messages/\(messageID)/attachments/\(exePart)", key: key)
                #expect(exe.status == .notFound)
                #expect(exe.json["type"] as? String == "https://mailsync.dev/problems/attachment-not-synced")
                #expect((exe.json["detail"] as? String)?.contains("unsupported_type") == true)
                #expect(
                    try await client.call(.get, "\(base)/messages/\(messageID)/attachments/9.9", key: key).status
                        == .notFound)
            }
        }
    }

    @Test func threadsAndMessagesArePaged() async throws {
        try await SyncWorld.with(mailbox: "rr") { world in
            for index in 1...3 {
                try await world.deliver(
                    later(
                        mail(
                            from: SyncWorld.carol, to: [world.address], subject: "Topic \(index)",
                            id: "topic\(index)@client.example"), minutes: index))
            }
            try await world.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "Chat", id: "chat1@client.example"))
            try await world.deliver(
                later(
                    mail(
                        from: SyncWorld.dave, to: [world.address], subject: "Re: Chat", id: "chat2@client.example",
                        replyTo: "chat1@client.example")))
            try await world.syncWithWorker()
            let carol = try #require(world.contacts[SyncWorld.carol])
            let dave = try #require(world.contacts[SyncWorld.dave])
            let base = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))"

            try await world.withAPI { client, key in
                var subjects = [String]()
                var cursor: String?
                repeat {
                    let page = try await client.call(
                        .get, "\(base)/contacts/\(carol)/threads?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""),
                        key: key)
                    #expect(page.items.count <= 2)
                    subjects += page.items.compactMap { $0["subject"] as? String }
                    cursor = page.json["nextCursor"] as? String
                } while cursor != nil
                #expect(subjects == ["Topic 3", "Topic 2", "Topic 1"])

                let chat = try #require(
                    try await client.call(.get, "\(base)/contacts/\(dave)/threads", key: key).items.first?["id"]
                        as? String)
                let one = try await client.call(.get, "\(base)/threads/\(chat)/messages?limit=1", key: key)
                #expect(one.items.map { $0["messageId"] as? String } == ["chat1@client.example"])
                let next = try #require(one.json["nextCursor"] as? String)
                let two = try await client.call(
                    .get, "\(base)/threads/\(chat)/messages?limit=1&cursor=\(next)", key: key)
                #expect(two.items.map { $0["messageId"] as? String } == ["chat2@client.example"])
                #expect(two.json["nextCursor"] == nil)
                #expect(
                    try await client.call(.get, "\(base)/contacts/\(carol)/threads?limit=0", key: key).status
                        == .unprocessableContent)
            }
        }
    }

    @Test func decisionsFilterByReasonOutcomeAndTime() async throws {
        try await SyncWorld.with(mailbox: "rrr") { world in
            let synced = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Hi", id: "d1@client.example"))
            let stranger = try await world.deliver(
                mail(
                    from: "stranger@elsewhere.example", to: [world.address], subject: "Offer",
                    id: "d2@elsewhere.example"))
            let boss = try await world.deliver(
                mail(from: SyncWorld.boss, to: [world.address], subject: "Secret", id: "d3@agency.example"))
            try await world.syncWithWorker()
            try await world.store.withTenant(world.scope) { tx in
                try await tx.connection.query(
                    "UPDATE sync_decisions SET decided_at = now() - interval '2 days' WHERE provider_message_id = \(boss.id)"
                )
            }
            let base =
                "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/connections/\(world.connectionID)/decisions"
            let dayAgo = Date().addingTimeInterval(-86_400).formatted(.iso8601)

            try await world.withAPI { client, key in
                func ids(_ query: String) async throws -> [String] {
                    let answer = try await client.call(.get, base + query, key: key)
                    #expect(answer.status == .ok, "\(query)")
                    return answer.items.compactMap { $0["providerMessageId"] as? String }
                }
                #expect(try await ids("?reason=not_a_contact") == [stranger.id])
                #expect(try await ids("?decision=synced") == [synced.id])
                #expect(Set(try await ids("?decision=skipped")) == [stranger.id, boss.id])
                #expect(Set(try await ids("?since=\(dayAgo)")) == [synced.id, stranger.id])
                #expect(try await ids("?until=\(dayAgo)") == [boss.id])
                #expect(try await ids("?decision=skipped&until=\(dayAgo)&reason=from_user") == [boss.id])

                let all = try await client.call(.get, base, key: key)
                let record = try #require(all.items.first { $0["providerMessageId"] as? String == stranger.id })
                #expect(
                    Set(record.keys) == [
                        "connectionId", "providerMessageId", "messageId", "decision", "reason", "decidedAt",
                    ])
                #expect(record["messageId"] as? String == "d2@elsewhere.example")

                var paged = [String]()
                var cursor: String?
                repeat {
                    let page = try await client.call(
                        .get, base + "?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                    paged += page.items.compactMap { $0["providerMessageId"] as? String }
                    cursor = page.json["nextCursor"] as? String
                } while cursor != nil && paged.count < 10
                #expect(paged == all.items.compactMap { $0["providerMessageId"] as? String })
                #expect(paged.count == 3)
                #expect(paged.last == boss.id)

                #expect(try await client.call(.get, base + "?decision=maybe", key: key).status == .unprocessableContent)
                #expect(
                    try await client.call(.get, base + "?since=yesterday", key: key).status == .unprocessableContent)
                #expect(try await client.call(.get, base + "?cursor=nope", key: key).status == .unprocessableContent)
            }
        }
    }

    @Test func anotherAgencysKeyFindsNothing() async throws {
        try await SyncWorld.with(mailbox: "rrrr") { world in
            let gmail = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: world.address, subject: "Files", id: "cross@client.example",
                    attachments: [("quote.pdf", "application/pdf", "%PDF")]))
            try await world.syncWithWorker()
            let carol = try #require(world.contacts[SyncWorld.carol])
            let subAccount = try #require(world.scope.subAccountID)
            let (messageID, threadID, partID) = try await world.store.withTenant(world.scope) { tx in
                try await tx.connection.query(
                    "SELECT m.id, m.thread_id, a.part_id FROM messages m JOIN message_attachments a ON a.message_id = m.id"
                ).single().decode((UUID, UUID, String).self)
            }
            let other = try await world.otherAgencyKey()
            let base = "/v1/sub-accounts/\(subAccount)"

            try await world.withAPI { client, key in
                let routes = [
                    "\(base)/contacts/\(carol)/threads", "\(base)/threads/\(threadID)/messages",
                    "\(base)/messages/\(messageID)", "\(base)/messages/\(messageID)/attachments/\(partID)",
                    "\(base)/connections/\(world.connectionID)/decisions",
                ]
                for route in routes {
                    #expect(try await client.call(.get, route, key: key).status == .ok, "\(route)")
                    let answer = try await client.call(.get, route, key: other)
                    #expect(answer.status == .notFound, "\(route)")
                    #expect(answer.json["type"] as? String == "https://mailsync.dev/problems/not-found")
                }
                let patch = try await client.call(
                    .patch, "\(base)/messages/\(messageID)", key: other, body: #"{"isRead":true}"#)
                #expect(patch.status == .notFound)
                #expect(try await client.call(.get, "\(base)/messages/\(UUID())", key: key).status == .notFound)
                #expect(try await client.call(.get, "\(base)/threads/\(UUID())/messages", key: key).status == .notFound)
            }
            #expect(try await world.labels(gmail.id).contains("UNREAD"))
            #expect(try await world.count("SELECT count(*) FROM messages WHERE is_read") == 0)
            #expect(try await world.count("SELECT count(*) FROM jobs WHERE kind = 'message.set_read'") == 0)
        }
    }

    @Test func markingReadInTheCRMMarksTheGmailMessageAndALaterSyncKeepsIt() async throws {
        try await SyncWorld.with(mailbox: "rrrrr") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Read me", id: "read@client.example"))
            try await world.syncWithWorker()
            let messageID = try #require(try await world.column("SELECT id FROM messages", as: UUID.self).first)
            let route = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/messages/\(messageID)"
            #expect(try await world.labels(gmail.id).contains("UNREAD"))

            try await world.withAPI { client, key in
                let marked = try await client.call(.patch, route, key: key, body: #"{"isRead":true}"#)
                #expect(marked.status == .ok)
                #expect(marked.json["isRead"] as? Bool == true)
                #expect(
                    try await world.count(
                        "SELECT count(*) FROM events WHERE type = 'message.state_changed' AND payload->>'connectionID' IS NULL"
                    ) == 1)
                try await world.applyReadStates()
                #expect(try await world.labels(gmail.id).contains("UNREAD") == false)

                try await world.syncWithWorker()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == true)

                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":false}"#).status == .ok)
                try await world.applyReadStates()
                #expect(try await world.labels(gmail.id).contains("UNREAD"))
                try await world.syncWithWorker()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == false)

                #expect(
                    try await client.call(.patch, route, key: key, body: #"{"isBold":true}"#).status
                        == .unprocessableContent)
            }
        }
    }

    @Test func repeatedTogglesCoalesceAndTheMailboxEndsInTheLastState() async throws {
        try await SyncWorld.with(mailbox: "rrrrrr") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Toggle", id: "toggle@client.example"))
            try await world.syncWithWorker()
            let messageID = try #require(try await world.column("SELECT id FROM messages", as: UUID.self).first)
            let route = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/messages/\(messageID)"

            try await world.withAPI { (client: any TestClientProtocol, key: String) async throws in
                for state in [true, false, true, false, true] {
                    let answer = try await client.call(.patch, route, key: key, body: #"{"isRead":\#(state)}"#)
                    #expect(answer.status == .ok)
                }
            }
            #expect(
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE kind = 'message.set_read' AND state = 'available'") == 2)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE kind = 'message.set_read' AND lane_key = \(SyncJobs.sendLane(world.connectionID))"
                )
                    == 2)
            try await world.applyReadStates()
            #expect(try await world.labels(gmail.id).contains("UNREAD") == false)
        }
    }

    @Test func theMailboxsEchoOfAnEarlierChangeDoesNotUndoANewerCRMChange() async throws {
        try await SyncWorld.with(mailbox: "rrrrrrr") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Echo", id: "echo@client.example"))
            try await world.syncWithWorker()
            let messageID = try #require(try await world.column("SELECT id FROM messages", as: UUID.self).first)
            let route = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/messages/\(messageID)"

            try await world.withAPI { client, key in
                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":true}"#).status == .ok)
                try await world.applyReadStates()
                // Unread again in the CRM before the mailbox's record of "read" is synced back.
                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":false}"#).status == .ok)
                try await world.syncWithWorker()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == false)

                try await world.applyReadStates()
                #expect(try await world.labels(gmail.id).contains("UNREAD"))
                try await world.syncWithWorker()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == false)
            }
        }
    }
}

/// `raw` (from `mail(...)`, dated 09:00) dated `minutes` later.
private func later(_ raw: String, minutes: Int = 5) -> String {
    raw.replacingOccurrences(of: "09:00:00 +0000", with: String(format: "09:%02d:00 +0000", minutes))
}
