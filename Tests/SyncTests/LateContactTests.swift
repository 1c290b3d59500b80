import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// SPEC rule 11: a contact created later brings in the mail of the last 30 days that was skipped
/// because its address was not a contact yet.
@Suite(.freshDatabase, .serialized)
struct LateContactTests {
    @Test func aLateContactsRecentSkippedMailIsSyncedIntoTheirConversation() async throws {
        try await SyncWorld.with(mailbox: "latecomer") { world in
            let eve = "eve@newclient.example"
            let (first, _) = try await world.deliver(
                mail(from: eve, to: [world.address], subject: "Intro", id: "intro@newclient.example"))
            let (other, _) = try await world.deliver(
                mail(from: "mallory@elsewhere.example", to: [world.address], subject: "Spam", id: "x@elsewhere.example"))
            try await world.syncWithWorker()
            #expect(try await world.decision(first) == "skipped/not_a_contact")

            let contactID = try await world.store.withTenant(world.scope) { tx in
                let contact = try await tx.contacts.create(email: eve, name: "Eve", source: .crm)
                _ = try await world.queue.enqueue(
                    [
                        SyncJobs.reevaluate(
                            contactEmail: eve, subAccountID: contact.subAccountID, agencyID: world.scope.agencyID)
                    ], on: tx.connection)
                return contact.id
            }
            try await world.runWorker("the late contact's mail is synced") {
                try await world.decision(first) == "synced/contact_inbound"
            }
            #expect(try await world.decision(other) == "skipped/not_a_contact")
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM messages m
                    JOIN thread_conversations tc ON tc.sub_account_id = m.sub_account_id AND tc.thread_id = m.thread_id
                    JOIN conversations c ON c.sub_account_id = tc.sub_account_id AND c.id = tc.conversation_id
                    WHERE c.contact_id = \(contactID) AND m.message_id = 'intro@newclient.example'
                    """) == 1)
            #expect(
                try await world.count("SELECT count(*) FROM jobs WHERE kind = 'contact.reevaluate' AND state = 'dead'") == 0)
        }
    }
}
