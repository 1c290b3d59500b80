import Foundation
import JobQueue
import Postgres
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// SPEC "What syncs", one scenario per rule, for a Gmail and an Outlook mailbox: a mailbox
/// connected through `ConnectionLifecycle` against the emulator over HTTP, a real `JobWorker`,
/// exact CRM rows and decisions, and a clean reconcile at the end.
@Suite(.freshDatabase, .serialized)
struct RuleScenarioTests {
    static let messageRows: PostgresQuery =
        "SELECT message_id || '/' || direction || '/' || source || '/' || sync_reason FROM messages ORDER BY message_id"

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule1RepliesInBothDirectionsOfACRMInitiatedThreadSyncEvenWithLabsOff(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "a1", provider: provider, outlookTwoWaySync: false) { world in
            let stranger = "stranger@elsewhere.example"
            let (thread, sent) = try await world.seedCRMSend(to: [stranger], subject: "Offer", id: "crm1@mailsync.example")
            let answer = try await world.deliver(
                mail(
                    from: stranger, to: [world.address], subject: "Re: Offer", id: "a1@elsewhere.example",
                    replyTo: "crm1@mailsync.example"))
            let followUp = try await world.send(
                mail(
                    from: world.address, to: [stranger], subject: "Re: Offer", id: "f1@mailsync.example",
                    replyTo: "a1@elsewhere.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/crm_thread")
            #expect(try await world.decision(answer.id) == "synced/crm_thread")
            #expect(try await world.decision(followUp.id) == "synced/crm_thread")
            #expect(
                try await world.column(Self.messageRows, as: String.self) == [
                    "a1@elsewhere.example/inbound/mailbox/crm_thread", "crm1@mailsync.example/outbound/crm/crm_thread",
                    "f1@mailsync.example/outbound/mailbox/crm_thread",
                ])
            #expect(try await world.column("SELECT DISTINCT thread_id FROM messages", as: UUID.self) == [thread])
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 3)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule2InboundFromAContactSyncsWithTheLaterMessagesOfItsThread(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "b22", provider: provider) { world in
            let first = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Quote", id: "q1@client.example"))
            let later = try await world.deliver(
                mail(
                    from: "assistant@client-partner.example", to: [world.address], subject: "Re: Quote",
                    id: "q2@client-partner.example", replyTo: "q1@client.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(first.id) == "synced/contact_inbound")
            #expect(try await world.decision(later.id) == "synced/synced_thread")
            #expect(
                try await world.column(Self.messageRows, as: String.self) == [
                    "q1@client.example/inbound/mailbox/contact_inbound",
                    "q2@client-partner.example/inbound/mailbox/synced_thread",
                ])
            #expect(try await world.count("SELECT count(DISTINCT thread_id) FROM messages") == 1)
            #expect(try await world.count("SELECT count(*) FROM contacts") == 2)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule3MailTheUserSendsFromTheMailboxToAContactIsReflected(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "c333", provider: provider) { world in
            let sent = try await world.send(
                mail(from: world.address, to: [SyncWorld.dave], subject: "Hello Dave", id: "h1@mailbox.example"))
            let other = try await world.send(
                mail(from: world.address, to: ["friend@private.example"], subject: "Dinner", id: "d1@mailbox.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/contact_outbound")
            #expect(try await world.decision(other.id) == "skipped/not_a_contact")
            #expect(
                try await world.column(Self.messageRows, as: String.self) == [
                    "h1@mailbox.example/outbound/mailbox/contact_outbound"
                ])
            #expect(
                try await world.count(
                    "SELECT count(*) FROM messages WHERE sender_connection_id = \(world.connectionID)") == 1)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule4TheBCCAddressOnTheOwnSentCopyCreatesTheRecipientsAsContacts(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "d4444", provider: provider) { world in
            let sent = try await world.send(
                mail(
                    from: world.address, to: ["newbie@prospect.example", SyncWorld.carol], bcc: [world.bccAddress],
                    subject: "Intro", id: "n1@mailbox.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/bcc_address")
            #expect(
                try await world.column("SELECT email || '/' || source FROM contacts ORDER BY email", as: String.self) == [
                    "\(SyncWorld.carol)/crm", "\(SyncWorld.dave)/crm", "newbie@prospect.example/bcc",
                ])
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'contact.created'") == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM thread_conversations tc JOIN conversations c ON c.id = tc.conversation_id
                    JOIN contacts k ON k.id = c.contact_id WHERE k.email IN ('newbie@prospect.example', \(SyncWorld.carol))
                    """) == 2)
            #expect(
                try await world.column("SELECT array_to_string(bcc_addresses, ',') FROM messages", as: String.self) == [
                    world.bccAddress
                ])
        }
    }

    @Test func rule5AnOutlookMailboxWithLabsOffSyncsOnlyCRMInitiatedThreads() async throws {
        try await SyncWorld.with(mailbox: "r5", provider: .microsoft, outlookTwoWaySync: false) { world in
            let (_, sent) = try await world.seedCRMSend(
                to: [SyncWorld.dave], subject: "From the CRM", id: "crm5@mailsync.example")
            let reply = try await world.deliver(
                mail(
                    from: SyncWorld.dave, to: [world.address], subject: "Re: From the CRM", id: "r5@client.example",
                    replyTo: "crm5@mailsync.example"))
            let inbound = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Direct", id: "d5@client.example"))
            let outbound = try await world.send(
                mail(from: world.address, to: [SyncWorld.carol], subject: "Also direct", id: "o5@mailbox.example"))
            let bcc = try await world.send(
                mail(
                    from: world.address, to: ["lead@prospect.example"], bcc: [world.bccAddress], subject: "BCC",
                    id: "b5@mailbox.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(sent.id) == "synced/crm_thread")
            #expect(try await world.decision(reply.id) == "synced/crm_thread")
            for skipped in [inbound, outbound, bcc] {
                #expect(try await world.decision(skipped.id) == "skipped/labs_disabled")
            }
            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self) == [
                    "crm5@mailsync.example", "r5@client.example",
                ])
            #expect(try await world.count("SELECT count(*) FROM contacts WHERE source = 'bcc'") == 0)
        }
    }

    @Test func rule5DoesNotGateAGmailMailbox() async throws {
        try await SyncWorld.with(mailbox: "e55555", provider: .gmail, outlookTwoWaySync: false) { world in
            let inbound = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Direct", id: "d55@client.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(inbound.id) == "synced/contact_inbound")
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule6AUsersMailInsideACRMInitiatedThreadIsSkippedAsFromUser(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "f666666", provider: provider) { world in
            let (thread, _) = try await world.seedCRMSend(
                to: [SyncWorld.carol, SyncWorld.boss], subject: "Contract", id: "crm6@mailsync.example")
            let fromBoss = try await world.deliver(
                mail(
                    from: SyncWorld.boss, to: [world.address, SyncWorld.carol], subject: "Re: Contract",
                    id: "boss6@agency.example", replyTo: "crm6@mailsync.example"))
            let fromCarol = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: [world.address], subject: "Re: Contract", id: "carol6@client.example",
                    replyTo: "crm6@mailsync.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(fromBoss.id) == "skipped/from_user")
            #expect(try await world.decision(fromCarol.id) == "synced/crm_thread")
            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self) == [
                    "carol6@client.example", "crm6@mailsync.example",
                ])
            #expect(try await world.column("SELECT DISTINCT thread_id FROM messages", as: UUID.self) == [thread])
            #expect(
                try await world.count(
                    "SELECT count(*) FROM sync_decisions WHERE message_id_header = 'boss6@agency.example' AND reason = 'from_user'")
                    == 1)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule7ABCCAddressTheUserDidNotPutOnCreatesNoContactAndNoDuplicate(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "g7777777", provider: provider) { world in
            // Inbound mail naming the BCC address (a stranger's auto-BCC, a forwarding rule) is not rule 4.
            let inbound = try await world.deliver(
                mail(
                    from: "prospect@elsewhere.example", to: [world.address, world.bccAddress], subject: "Auto",
                    id: "auto7@elsewhere.example"))
            let sent = try await world.send(
                mail(from: world.address, to: [SyncWorld.carol], subject: "Note", id: "note7@mailbox.example"))
            try await world.syncWithWorker()
            // The automatic BCC copy of the synced sent mail reaches the BCC endpoint.
            let copy = mail(
                from: world.address, to: [SyncWorld.carol], bcc: [world.bccAddress], subject: "Note",
                id: "note7@mailbox.example")
            let receipt = try await BCCInbox(store: world.store).receive(Array(copy.utf8), recipients: [world.bccAddress])

            #expect(try await world.decision(inbound.id) == "skipped/not_a_contact")
            #expect(try await world.decision(sent.id) == "synced/contact_outbound")
            #expect(receipt?.reason == "duplicate_of_sent_copy")
            #expect(try await world.count("SELECT count(*) FROM contacts") == 2)
            #expect(try await world.column(Self.messageRows, as: String.self) == [
                "note7@mailbox.example/outbound/mailbox/contact_outbound"
            ])
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule8ATooLargeAttachmentSkipsTheMessageAndAnUnsupportedOneIsRecorded(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "h88888888", provider: provider) { world in
            let large = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: world.address, subject: "Scan", id: "big8@client.example",
                    attachments: [("scan.pdf", "application/pdf", String(repeating: "A", count: 3_145_729))]))
            let mixed = try await world.deliver(
                mail(
                    from: SyncWorld.carol, to: world.address, subject: "Files", id: "mixed8@client.example",
                    attachments: [
                        ("quote.pdf", "application/pdf", "%PDF-1.4 test"), ("tool.exe", "application/octet-stream", "MZ!!"),
                    ]))
            try await world.syncWithWorker()

            #expect(try await world.decision(large.id) == "skipped/attachment_too_large")
            #expect(try await world.decision(mixed.id) == "synced/contact_inbound")
            #expect(try await world.column("SELECT message_id FROM messages", as: String.self) == ["mixed8@client.example"])
            #expect(
                try await world.column(
                    """
                    SELECT filename || '/' || mime_type || '/' || size || '/' || coalesce(not_synced_reason, 'stored')
                    FROM message_attachments ORDER BY filename
                    """, as: String.self)
                    == ["quote.pdf/application/pdf/13/stored", "tool.exe/application/octet-stream/4/unsupported_type"])
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule9EveryMessageTheSyncLookedAtHasADecision(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "i999999999", provider: provider) { world in
            var ids = [String]()
            ids.append(try await world.deliver(mail(from: SyncWorld.carol, to: [world.address], subject: "A", id: "a9@x")).id)
            ids.append(try await world.deliver(mail(from: "nobody@x.example", to: [world.address], subject: "B", id: "b9@x")).id)
            ids.append(try await world.deliver(mail(from: SyncWorld.boss, to: [world.address], subject: "C", id: "c9@x")).id)
            ids.append(try await world.send(mail(from: world.address, to: [SyncWorld.dave], subject: "D", id: "d9@x")).id)
            try await world.syncWithWorker()

            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == ids.count)
            var decisions = [String]()
            for id in ids { decisions.append(try await world.decision(id) ?? "none") }
            #expect(
                decisions == [
                    "synced/contact_inbound", "skipped/not_a_contact", "skipped/from_user", "synced/contact_outbound",
                ])
            #expect(
                try await world.count("SELECT count(*) FROM sync_decisions WHERE addresses IS NULL OR message_id_header = ''")
                    == 0)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule10ReadUnreadTrashAndDeletionAtTheProviderAreReflected(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "j1010101010", provider: provider) { world in
            let kept = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Bill", id: "bill10@client.example"))
            let gone = try await world.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "Gone", id: "gone10@client.example"))
            try await world.syncWithWorker()
            let state: PostgresQuery =
                "SELECT message_id || '/' || is_read::text || '/' || is_trashed::text FROM messages ORDER BY message_id"
            #expect(
                try await world.column(state, as: String.self) == [
                    "bill10@client.example/false/false", "gone10@client.example/false/false",
                ])

            try await world.act("read", on: kept.id)
            try await world.syncWithWorker()
            #expect(try await world.column(state, as: String.self).first == "bill10@client.example/true/false")
            try await world.act("unread", on: kept.id)
            try await world.syncWithWorker()
            #expect(try await world.column(state, as: String.self).first == "bill10@client.example/false/false")

            try await world.act("trash", on: kept.id)
            try await world.delete(gone.id)
            try await world.syncWithWorker()
            #expect(
                try await world.column(state, as: String.self) == [
                    "bill10@client.example/false/true", "gone10@client.example/false/true",
                ])
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 2)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.state_changed'") >= 4)
        }
    }

    @Test(arguments: [ProviderKind.gmail, .microsoft])
    func rule11ALateContactsSkippedMailIsSynced(_ provider: ProviderKind) async throws {
        try await SyncWorld.with(mailbox: "k11111111111", provider: provider) { world in
            let eve = "eve@newclient.example"
            let first = try await world.deliver(
                mail(from: eve, to: [world.address], subject: "Intro", id: "intro11@newclient.example"))
            let other = try await world.deliver(
                mail(from: "mallory@elsewhere.example", to: [world.address], subject: "Spam", id: "x11@elsewhere.example"))
            try await world.syncWithWorker()
            #expect(try await world.decision(first.id) == "skipped/not_a_contact")

            try await world.store.withTenant(world.scope) { tx in
                let contact = try await tx.contacts.create(email: eve, name: "Eve", source: .crm)
                _ = try await world.queue.enqueue(
                    [SyncJobs.reevaluate(contactEmail: eve, subAccountID: contact.subAccountID, agencyID: world.scope.agencyID)],
                    on: tx.connection)
            }
            try await world.runWorker("the late contact's mail is synced") {
                try await world.decision(first.id) == "synced/contact_inbound"
            }
            #expect(try await world.decision(other.id) == "skipped/not_a_contact")
            #expect(try await world.column("SELECT message_id FROM messages", as: String.self) == ["intro11@newclient.example"])
        }
    }
}
