import Emulators
import Foundation
import JobQueue
import Postgres
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The `mailbox.sync` job end to end: a Gmail mailbox connected through `ConnectionLifecycle`
/// against the Google emulator over HTTP, the real database, and a real `JobWorker`.
@Suite(.freshDatabase, .serialized)
struct MailboxSyncTests {
    @Test func inboundFromAKnownContactSyncsIntoTheirConversation() async throws {
        try await SyncWorld.with(mailbox: "a") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Quote", id: "q1@client.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(gmail.id) == "synced/contact_inbound")
            #expect(
                try await world.column(
                    "SELECT direction || '/' || source || '/' || from_address || '/' || subject || '/' || message_id || '/' || is_read FROM messages",
                    as: String.self) == ["inbound/mailbox/\(SyncWorld.carol)/Quote/q1@client.example/false"])
            #expect(
                try await world.column("SELECT text_body FROM messages", as: String.self).first?.contains("Hello")
                    == true)
            #expect(try await world.count("SELECT count(*) FROM threads WHERE origin = 'mailbox'") == 1)
            let carol = try #require(world.contacts[SyncWorld.carol])
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM thread_conversations tc JOIN conversations c ON c.id = tc.conversation_id
                    JOIN messages m ON m.thread_id = tc.thread_id WHERE c.contact_id = \(carol)
                    """) == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM provider_thread_maps t JOIN messages m ON m.thread_id = t.thread_id
                    WHERE t.connection_id = \(world.connectionID) AND t.provider_thread_id = \(gmail.threadID)
                    """) == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM provider_message_maps p JOIN messages m ON m.id = p.message_id
                    WHERE p.connection_id = \(world.connectionID) AND p.provider_message_id = \(gmail.id)
                    """) == 1)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 1)
        }
    }

    @Test func inboundFromANonContactIsSkippedAsNotAContact() async throws {
        try await SyncWorld.with(mailbox: "bb") { world in
            let gmail = try await world.deliver(
                mail(
                    from: "stranger@elsewhere.example", to: [world.address], subject: "Offer",
                    id: "o1@elsewhere.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(gmail.id) == "skipped/not_a_contact")
            #expect(try await world.count("SELECT count(*) FROM messages") == 0)
            #expect(
                try await world.column("SELECT array_to_string(addresses, ',') FROM sync_decisions", as: String.self)
                    == ["stranger@elsewhere.example,\(world.address)"])
            #expect(
                try await world.column("SELECT message_id_header FROM sync_decisions", as: String.self) == [
                    "o1@elsewhere.example"
                ])
        }
    }

    @Test func aUserOfTheSubAccountInAKnownThreadIsSkippedAsFromUser() async throws {
        try await SyncWorld.with(mailbox: "ccc") { world in
            let first = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: [world.address, SyncWorld.boss], subject: "Plan", id: "p1@client.example"
                ))
            try await world.syncWithWorker()
            let reply = try await world.deliver(
                mail(
                    from: SyncWorld.boss, to: [SyncWorld.carol, world.address], subject: "Re: Plan",
                    id: "p2@agency.example", replyTo: "p1@client.example"))
            #expect(reply.threadID == first.threadID)
            try await world.syncWithWorker()

            #expect(try await world.decision(first.id) == "synced/contact_inbound")
            #expect(try await world.decision(reply.id) == "skipped/from_user")
            #expect(try await world.column("SELECT message_id FROM messages", as: String.self) == ["p1@client.example"])
        }
    }

    @Test func aReplyInTheSameGmailThreadJoinsTheSameCRMThread() async throws {
        try await SyncWorld.with(mailbox: "dddd") { world in
            let first = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Visit", id: "v1@client.example"))
            try await world.syncWithWorker()
            let answer = try await world.send(
                mail(
                    from: world.address, to: [SyncWorld.carol], subject: "Re: Visit", id: "v2@gmail.example",
                    replyTo: "v1@client.example"))
            let again = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: [world.address], subject: "Re: Visit", id: "v3@client.example",
                    replyTo: "v2@gmail.example"))
            #expect(answer.threadID == first.threadID && again.threadID == first.threadID)
            try await world.syncWithWorker()

            #expect(try await world.decision(answer.id) == "synced/synced_thread")
            #expect(try await world.decision(again.id) == "synced/synced_thread")
            #expect(try await world.count("SELECT count(*) FROM threads") == 1)
            #expect(
                try await world.column(
                    "SELECT message_id || '/' || direction FROM messages ORDER BY message_id", as: String.self)
                    == ["v1@client.example/inbound", "v2@gmail.example/outbound", "v3@client.example/inbound"])
            #expect(try await world.count("SELECT count(DISTINCT thread_id) FROM messages") == 1)
            #expect(try await world.count("SELECT count(*) FROM provider_thread_maps") == 1)
        }
    }

    @Test func oneEmailToTwoContactsIsStoredOnceInBothConversations() async throws {
        try await SyncWorld.with(mailbox: "eeeee") { world in
            let sent = try await world.send(
                mail(
                    from: world.address, to: [SyncWorld.carol, SyncWorld.dave], subject: "Invite",
                    id: "i1@gmail.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/contact_outbound")
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM messages WHERE sender_connection_id = \(world.connectionID) AND direction = 'outbound'"
                ) == 1)
            let linked = try await world.column(
                """
                SELECT c.contact_id FROM thread_conversations tc JOIN conversations c ON c.id = tc.conversation_id
                JOIN messages m ON m.thread_id = tc.thread_id
                """, as: UUID.self)
            #expect(Set(linked) == Set(world.contacts.values))
            #expect(linked.count == 2)
        }
    }

    @Test func readAndTrashAtTheProviderAreReflectedOnTheMessage() async throws {
        try await SyncWorld.with(mailbox: "ffffff") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Bill", id: "b1@client.example"))
            try await world.syncWithWorker()
            #expect(
                try await world.column("SELECT is_read::text || '/' || is_trashed::text FROM messages", as: String.self)
                    == ["false/false"])

            try await world.act("read", on: gmail.id)
            try await world.syncWithWorker()
            #expect(
                try await world.column("SELECT is_read::text || '/' || is_trashed::text FROM messages", as: String.self)
                    == ["true/false"])

            try await world.act("trash", on: gmail.id)
            try await world.syncWithWorker()
            #expect(
                try await world.column("SELECT is_read::text || '/' || is_trashed::text FROM messages", as: String.self)
                    == ["true/true"])
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.state_changed'") == 2)
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
        }
    }

    @Test func runningTheSamePageTwiceCreatesNoDuplicates() async throws {
        try await SyncWorld.with(mailbox: "ggggggg") { world in
            let before = try await world.cursor()
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Twice", id: "t1@client.example"))
            try await world.deliver(
                mail(
                    from: "someone@elsewhere.example", to: [world.address], subject: "Spam", id: "t2@elsewhere.example")
            )
            let counts: PostgresQuery = """
                SELECT (SELECT count(*) FROM messages) * 1000000 + (SELECT count(*) FROM provider_message_maps) * 100000
                     + (SELECT count(*) FROM sync_decisions) * 10000 + (SELECT count(*) FROM threads) * 1000
                     + (SELECT count(*) FROM thread_conversations) * 100 + (SELECT count(*) FROM events WHERE type = 'message.synced') * 10
                     + (SELECT count(*) FROM provider_thread_maps)
                """
            #expect(try await world.handler.sync(mailboxID: world.mailboxID) == .succeeded)
            #expect(try await world.count(counts) == 1_121_111)
            let after = try await world.cursor()
            #expect(after != before)

            try await world.store.withTransaction { tx in
                for (stream, position) in before {
                    try await tx.mailboxes.setCursor(world.mailboxID, folderID: stream, to: position)
                }
            }
            #expect(try await world.handler.sync(mailboxID: world.mailboxID) == .succeeded)
            #expect(try await world.count(counts) == 1_121_111)
            #expect(try await world.cursor() == after)
        }
    }

    @Test func theCursorAdvancesOnlyInTheTransactionOfTheWorkItCovers() async throws {
        try await SyncWorld.with(mailbox: "hhhhhhhh") { world in
            let before = try await world.cursor()
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Fine", id: "f1@client.example"))
            try await world.deliver(
                mail(
                    from: "x@elsewhere.example", to: [world.address], subject: "Poison", id: "poison@elsewhere.example")
            )
            let owner = try TestDatabase.current.owner
            try await owner.withConnection { connection in
                try await connection.executeSimple(
                    """
                    CREATE FUNCTION fail_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.message_id_header = 'poison@elsewhere.example' THEN RAISE EXCEPTION 'poisoned'; END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER fail_poison BEFORE INSERT ON sync_decisions FOR EACH ROW EXECUTE FUNCTION fail_poison();
                    """)
            }
            await #expect(throws: PostgresError.self) { _ = try await world.handler.sync(mailboxID: world.mailboxID) }
            #expect(try await world.cursor() == before)
            #expect(try await world.count("SELECT count(*) FROM messages") == 0)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == 0)

            try await owner.withConnection { connection in
                try await connection.executeSimple(
                    "DROP TRIGGER fail_poison ON sync_decisions; DROP FUNCTION fail_poison();")
            }
            #expect(try await world.handler.sync(mailboxID: world.mailboxID) == .succeeded)
            #expect(try await world.cursor() != before)
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == 2)
        }
    }

    @Test func anExpiredCursorResyncsFromTheLastSyncWithoutDuplicates() async throws {
        try await SyncWorld.with(mailbox: "iiiiiiiii") { world in
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Old", id: "r1@client.example"))
            try await world.syncWithWorker()
            try await world.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "New", id: "r2@client.example"))
            #expect(await world.emulator.world.expireHistory(of: world.address))
            try await world.syncWithWorker()

            #expect(
                try await world.count("SELECT count(*) FROM jobs WHERE kind = 'mailbox.resync' AND state = 'succeeded'")
                    == 1)
            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self) == [
                    "r1@client.example", "r2@client.example",
                ])
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 2)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 2)
        }
    }

    @Test func theBCCAddressOnAnOwnSentEmailCreatesItsRecipientsAsContacts() async throws {
        try await SyncWorld.with(mailbox: "jjjjjjjjjj") { world in
            let sent = try await world.send(
                mail(
                    from: world.address, to: ["newbie@prospect.example"], bcc: [world.bccAddress], subject: "Intro",
                    id: "n1@gmail.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/bcc_address")
            let created = try await world.column(
                "SELECT id FROM contacts WHERE email = 'newbie@prospect.example' AND source = 'bcc'", as: UUID.self)
            #expect(created.count == 1)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'contact.created'") == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM thread_conversations tc JOIN conversations c ON c.id = tc.conversation_id
                    JOIN messages m ON m.thread_id = tc.thread_id WHERE c.contact_id = \(created.first)
                    """) == 1)
        }
    }

    @Test func aSupportedAttachmentIsStoredAndAnUnsupportedOneRecordedAsNotSynced() async throws {
        try await SyncWorld.with(mailbox: "kkkkkkkkkkk") { world in
            let gmail = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: world.address, subject: "Files", id: "att@client.example",
                    attachments: [
                        ("quote.pdf", "application/pdf", "%PDF-1.4 test"),
                        ("tool.exe", "application/octet-stream", "MZ!!"),
                    ]))
            try await world.syncWithWorker()

            #expect(try await world.decision(gmail.id) == "synced/contact_inbound")
            #expect(
                try await world.column(
                    """
                    SELECT filename || '/' || mime_type || '/' || size || '/' || coalesce(not_synced_reason, 'stored')
                    FROM message_attachments ORDER BY filename
                    """, as: String.self)
                    == ["quote.pdf/application/pdf/13/stored", "tool.exe/application/octet-stream/4/unsupported_type"])
            #expect(
                try await world.column(
                    "SELECT convert_from(content, 'UTF8') FROM message_attachments WHERE content IS NOT NULL",
                    as: String.self)
                    == ["%PDF-1.4 test"])
        }
    }

    @Test func aLongHistoryIsWalkedOnePageAtATimeWithTheCursorStoredPerPage() async throws {
        try await SyncWorld.with(mailbox: "llllllllllll", historyPageSize: 2) { world in
            for n in 1...5 {
                try await world.deliver(
                    mail(
                        from: SyncWorld.carol, to: [world.address], subject: "Part \(n)", id: "part\(n)@client.example")
                )
            }
            #expect(
                try await world.handler.sync(mailboxID: world.mailboxID)
                    == .again(reason: "next page of changes"))
            #expect(try await world.cursor()["pageToken"] != nil)
            let afterOnePage = try await world.count("SELECT count(*) FROM messages")
            #expect(afterOnePage > 0 && afterOnePage < 5)

            try await world.syncWithWorker()
            #expect(try await world.count("SELECT count(*) FROM messages") == 5)
            #expect(try await world.cursor()["pageToken"] == nil)
            // The pages ran as slices of one job, none counted as a failed attempt.
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM jobs WHERE kind = 'mailbox.sync' AND state = 'succeeded' AND attempts = 1
                    AND fairness_key = \(world.mailboxID.uuidString)
                    """) == 1)
        }
    }

    @Test func aMessageDeletedAtTheProviderIsMarkedTrashedAndKept() async throws {
        try await SyncWorld.with(mailbox: "mmmmmmmmmmmmm") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Gone", id: "gone@client.example"))
            try await world.syncWithWorker()
            try await world.delete(gmail.id)
            try await world.syncWithWorker()

            #expect(try await world.column("SELECT is_trashed::text FROM messages", as: String.self) == ["true"])
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 1)
        }
    }

    @Test func aReplyToACRMSentEmailJoinsItsThreadByInReplyToWhoeverSendsIt() async throws {
        try await SyncWorld.with(mailbox: "nnnnnnnnnnnnnn") { world in
            let crmThread = try await world.store.withTenant(world.scope) { tx in
                let thread = try await tx.threads.create(origin: .crm)
                _ = try await tx.messages.insert(
                    NewMessage(
                        threadID: thread, direction: .outbound, source: .crm, syncReason: .crmThread,
                        messageID: "crm1@mailsync.example", fingerprint: "00000000000000c1",
                        from: MailAddressText(address: world.address, name: nil), to: ["stranger@elsewhere.example"],
                        cc: [], bcc: [], subject: "Offer", textBody: "Hi", htmlBody: nil, inReplyTo: [], references: [],
                        sentAt: nil, isRead: true, isTrashed: false, senderConnectionID: world.connectionID))
                return thread
            }
            let reply = try await world.deliver(
                mail(
                    from: "stranger@elsewhere.example", to: [world.address], subject: "Re: Offer",
                    id: "r@elsewhere.example", replyTo: "crm1@mailsync.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(reply.id) == "synced/crm_thread")
            #expect(
                try await world.column("SELECT thread_id FROM messages WHERE message_id = 'r@elsewhere.example'", as: UUID.self)
                    == [crmThread])
            #expect(
                try await world.count("SELECT count(*) FROM provider_thread_maps WHERE thread_id = \(crmThread)") == 1)
        }
    }

    @Test func aLabelChangeOfAMappedMessageUpdatesItsStateWithoutFetchingItAgain() async throws {
        try await SyncWorld.with(mailbox: "ooooooooooooooo") { world in
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Once", id: "once@client.example"))
            try await world.syncWithWorker()
            try await world.act("trash", on: gmail.id)
            try await world.act("read", on: gmail.id)
            for endpoint in ["batch", "gmail.users.messages.get"] {
                await world.emulator.world.inject(InjectedFault(endpoint: endpoint, status: 500, count: 10))
            }

            #expect(try await world.handler.sync(mailboxID: world.mailboxID) == .succeeded)
            #expect(try await world.column("SELECT is_read::text || '/' || is_trashed::text FROM messages", as: String.self) == ["true/true"])
        }
    }
}
