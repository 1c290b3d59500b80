import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The end-to-end scenarios beyond one rule each, for Gmail and Outlook: fan-out,
/// identity, moves, cursor expiry, repeated pushes, throttling, shared mailboxes and bounces.
/// Every scenario ends with a clean reconcile.
@Suite(.freshDatabase, .serialized)
struct SyncScenarioTests {
    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func oneEmailToTwoContactsIsStoredOnceInBothConversations(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s1", provider: provider) { world in
            let sent = try await world.send(
                mail(from: world.address, to: [SyncWorld.carol, SyncWorld.dave], subject: "Invite", id: "inv@mb.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/contact_outbound")
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            let linked = try await world.column(
                """
                SELECT c.contact_id FROM thread_conversations tc JOIN conversations c ON c.id = tc.conversation_id
                JOIN messages m ON m.thread_id = tc.thread_id
                """, as: UUID.self)
            #expect(linked.count == 2 && Set(linked) == Set(world.contacts.values))
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func twoConnectedUsersReceivingTheSameEmailShareOneCRMMessage(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s22", provider: provider) { world in
            let secondAddress = world.control.address("second")
            let (_, second) = try await world.connectAnother(secondAddress, in: world.scope)
            let raw = mail(
                from: SyncWorld.carol, to: [world.address, secondAddress], subject: "Both", id: "both@client.example")
            let first = try await world.deliver(raw)
            let other = try await world.deliver(raw, to: secondAddress)
            try await world.syncWithWorker(also: [second.mailboxID])
            _ = try await world.queue.cancel(fairnessKey: second.mailboxID.uuidString)

            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM provider_message_maps
                    WHERE (connection_id = \(world.connectionID) AND provider_message_id = \(first.id))
                       OR (connection_id = \(second.id) AND provider_message_id = \(other.id))
                    """) == 2)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 1)
            try await world.expectReconciled(second.id)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func aReusedMessageIDWithDifferentContentIsStoredAsASecondMessage(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s333", provider: provider) { world in
            let first = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Same id", id: "reused@client.example"))
            let second = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: [world.address], subject: "Same id", id: "reused@client.example",
                    body: "A different message with a longer body"))
            try await world.syncWithWorker()

            #expect(try await world.decision(first.id) == "synced/contact_inbound")
            #expect(try await world.decision(second.id) == "synced/contact_inbound")
            #expect(try await world.count("SELECT count(*) FROM messages WHERE message_id = 'reused@client.example'") == 2)
            #expect(try await world.count("SELECT count(DISTINCT fingerprint) FROM messages") == 2)
            #expect(try await world.count("SELECT count(DISTINCT message_id) FROM provider_message_maps") == 2)
        }
    }

    @Test func anOutlookMessageMovedToASubfolderStaysMappedWithoutADuplicate() async throws {
        try await SyncWorld.with(mailbox: "s4", provider: .microsoft) { world in
            let moved = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "File me", id: "move@client.example"))
            try await world.syncWithWorker()
            let folder = try await world.control.createFolder("Clients", in: world.address)
            try await world.control.move(moved.id, to: folder, in: world.address)
            let filed = try await world.control.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "Filed", id: "filed@client.example"),
                to: world.address, folder: folder)
            try await world.syncWithWorker()

            #expect(try await world.decision(moved.id) == "synced/contact_inbound")
            #expect(try await world.decision(filed.id) == "synced/contact_inbound")
            #expect(
                try await world.column(
                    "SELECT message_id || '/' || is_trashed::text FROM messages ORDER BY message_id", as: String.self)
                    == ["filed@client.example/false", "move@client.example/false"])
            #expect(
                try await world.column(
                    "SELECT provider_message_id FROM provider_message_maps ORDER BY provider_message_id",
                    as: String.self) == [filed.id, moved.id].sorted())
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func anExpiredCursorResyncsWithoutDuplicates(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s55555", provider: provider) { world in
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Old", id: "old@client.example"))
            try await world.syncWithWorker()
            try await world.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "New", id: "new@client.example"))
            try await world.control.expireCursor(of: world.address)
            try await world.syncWithWorker()

            #expect(
                try await world.count("SELECT count(*) FROM jobs WHERE kind = 'mailbox.resync' AND state = 'succeeded'")
                    >= 1)
            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self) == [
                    "new@client.example", "old@client.example",
                ])
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 2)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 2)

            // The resynced cursor works: a later message arrives by the normal sync.
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Later", id: "later@client.example"))
            try await world.syncWithWorker()
            #expect(try await world.count("SELECT count(*) FROM messages") == 3)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func duplicateAndOutOfOrderPushesLeaveOneCopyOfEachMessage(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s666666", provider: provider) { world in
            for n in 1...3 {
                try await world.deliver(
                    mail(from: SyncWorld.carol, to: [world.address], subject: "Push \(n)", id: "push\(n)@client.example"))
            }
            // Pushes arrive twice and late: a burst of sync jobs, and a resync that overtakes them.
            for job in [SyncJobs.resync(mailboxID: world.mailboxID)]
                + Array(repeating: SyncJobs.sync(mailboxID: world.mailboxID), count: 3)
            {
                _ = try await world.queue.enqueue([job])
            }
            try await world.syncWithWorker()
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Push 4", id: "push4@client.example"))
            for _ in 1...3 { _ = try await world.queue.enqueue([SyncJobs.sync(mailboxID: world.mailboxID)]) }
            try await world.syncWithWorker()

            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self)
                    == (1...4).map { "push\($0)@client.example" })
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 4)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == 4)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 4)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func aBurstOf429sIsWaitedOutAndTheSyncFinishesWithEverything(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s7777777", provider: provider) { world in
            for n in 1...4 {
                try await world.deliver(
                    mail(from: SyncWorld.dave, to: [world.address], subject: "Busy \(n)", id: "busy\(n)@client.example"))
            }
            try await world.control.throttle(world.address, count: 3, seconds: provider == .gmail ? 1 : 0.2)
            try await world.syncWithWorker()

            #expect(try await world.count("SELECT count(*) FROM messages") == 4)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions WHERE decision = 'synced'") == 4)
            // The 429s were answered: Graph's short waits in place, Gmail's as jobs retried later.
            if provider == .microsoft {
                #expect(try await world.control.stat("throttledResponses", of: world.address) == 3)
            } else {
                let lane = SyncJobs.syncLane(world.mailboxID)
                #expect(try await world.count("SELECT count(*) FROM jobs WHERE lane_key = \(lane) AND attempts > 1") >= 1)
            }
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func aMailboxSharedByTwoSubAccountsIsDecidedByEachOnesContacts(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s88888888", provider: provider) { world in
            let (otherScope, other) = try await world.connectAnother(world.address)
            #expect(other.mailboxID == world.mailboxID)
            let message = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Shared", id: "shared@client.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(message.id) == "synced/contact_inbound")
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(
                try await world.column(
                    "SELECT decision || '/' || reason FROM sync_decisions WHERE connection_id = \(other.id) AND provider_message_id = \(message.id)",
                    as: String.self, in: otherScope) == ["skipped/not_a_contact"])
            #expect(try await world.count("SELECT count(*) FROM messages", in: otherScope) == 0)
            try await world.expectReconciled(other.id)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func aDeliveryReportInTheMailboxMarksTheCRMSentMessageBounced(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "s999999999", provider: provider) { world in
            let sentID = "bounce9@mailsync.example"
            _ = try await world.seedCRMSend(to: ["nobody@example.org"], subject: "Hello", id: sentID)
            let fixture = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../MailTests/Fixtures/bounce-dsn.eml"), encoding: .utf8)
            let dsn = fixture.replacingOccurrences(of: "mx1abc.0123456789abcdef@mail.crm.example.com", with: sentID)
                .replacingOccurrences(of: "To: sender@crm.example.com", with: "To: \(world.address)")
            let report = try await world.deliver(dsn)
            try await world.syncWithWorker()

            #expect(try await world.decision(report.id) == "skipped/delivery_report")
            #expect(
                try await world.column("SELECT message_id FROM messages WHERE bounced_at IS NOT NULL", as: String.self)
                    == [sentID])
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.bounced'") == 1)
        }
    }
}
