import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// `mailsync reconcile`: differences between a mailbox and the CRM are found and repaired.
@Suite(.freshDatabase, .serialized)
struct ReconcileTests {
    @Test func aLostDecisionAndALostMapAreReportedAndRepaired() async throws {
        try await SyncWorld.with(mailbox: "reconciled") { world in
            let (lost, _) = try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "One", id: "one@client.example"))
            let (unmapped, _) = try await world.deliver(
                mail(from: SyncWorld.dave, to: [world.address], subject: "Two", id: "two@client.example"))
            try await world.send(mail(from: world.address, to: ["x@nowhere.example"], subject: "Draft-free", id: "s@x"))
            try await world.syncWithWorker()
            let reconciler = Reconciler(sync: world.handler)
            #expect(try await reconciler.reconcile(connectionID: world.connectionID, days: 1).isClean)

            // Damage the CRM side: a message and its decision vanish, and another one's map.
            try await world.store.withTenant(world.scope) { tx in
                _ = try await tx.connection.query(
                    "DELETE FROM sync_decisions WHERE provider_message_id = \(lost)")
                _ = try await tx.connection.query(
                    "DELETE FROM messages WHERE message_id = 'one@client.example'")
                _ = try await tx.connection.query(
                    "DELETE FROM provider_message_maps WHERE provider_message_id = \(unmapped)")
            }
            let report = try await reconciler.reconcile(connectionID: world.connectionID, days: 1)
            #expect(report.missing == [lost])
            #expect(report.syncedWithoutMap == [unmapped])
            #expect(report.lines.last == "2 differences (3 provider messages)")

            #expect(try await reconciler.repair(report, connectionID: world.connectionID) == 2)
            try await world.runWorker("the repair ran") {
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE kind = 'connection.repair' AND state = 'succeeded'") == 1
            }
            #expect(try await world.count("SELECT count(*) FROM messages") == 2)
            #expect(try await world.decision(lost)?.hasPrefix("synced/") == true)
        }
    }
}
