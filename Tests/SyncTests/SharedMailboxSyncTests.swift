import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// One message seen by several connections: stored once per sub-account, decided per connection.
@Suite(.freshDatabase, .serialized)
struct SharedMailboxSyncTests {
    @Test func aMessageTwoConnectedUsersReceiveIsStoredOnceWithAMapPerConnection() async throws {
        try await SyncWorld.with(mailbox: "one") { world in
            let (_, second) = try await world.connectAnother("second@gmail.example", in: world.scope)
            let raw = mail(
                from: SyncWorld.carol, to: [world.address, "second@gmail.example"], subject: "Both",
                id: "both@client.example")
            let first = try await world.deliver(raw)
            let other = try await world.deliver(raw, to: "second@gmail.example")
            try await world.syncWithWorker(also: [second.mailboxID])
            _ = try await world.queue.cancel(fairnessKey: second.mailboxID.uuidString)

            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(try await world.count("SELECT count(DISTINCT connection_id) FROM provider_message_maps") == 2)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM sync_decisions WHERE decision = 'synced' AND reason = 'contact_inbound'
                    AND ((connection_id = \(world.connectionID) AND provider_message_id = \(first.id))
                         OR (connection_id = \(second.id) AND provider_message_id = \(other.id)))
                    """) == 2)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 1)
            #expect(try await world.count("SELECT count(*) FROM threads") == 1)
        }
    }

    @Test func aMailboxSharedBySubAccountsIsDecidedByEachSubAccountsOwnContacts() async throws {
        try await SyncWorld.with(mailbox: "shared") { world in
            let (otherScope, other) = try await world.connectAnother(world.address)
            #expect(other.mailboxID == world.mailboxID)
            let gmail = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Shared", id: "s1@client.example"))
            try await world.syncWithWorker()

            #expect(try await world.decision(gmail.id) == "synced/contact_inbound")
            #expect(try await world.count("SELECT count(*) FROM messages") == 1)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM sync_decisions WHERE decision = 'skipped' AND reason = 'not_a_contact' AND connection_id = \(other.id)",
                    in: otherScope) == 1)
            #expect(try await world.count("SELECT count(*) FROM messages", in: otherScope) == 0)
        }
    }
}
