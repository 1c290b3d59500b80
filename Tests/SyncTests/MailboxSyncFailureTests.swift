import Emulators
import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// How the `mailbox.sync` job ends when the provider refuses: a rate limit waits as asked, a
/// revoked grant stops the sync and marks the connection.
@Suite(.freshDatabase, .serialized)
struct MailboxSyncFailureTests {
    @Test func aRateLimitedSyncWaitsAsLongAsTheProviderAsks() async throws {
        try await SyncWorld.with(mailbox: "rate", reconcile: false) { world in
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Later", id: "l1@client.example"))
            await world.emulator.world.inject(
                InjectedFault(endpoint: "gmail.users.history.list", status: 429, count: 10, retryAfter: 120))
            _ = try await world.queue.enqueue([SyncJobs.sync(mailboxID: world.mailboxID)])
            let lane = SyncJobs.syncLane(world.mailboxID)
            try await world.runWorker("the sync waits for the provider") {
                try await world.count(
                    """
                    SELECT count(*) FROM jobs WHERE lane_key = \(lane) AND state = 'available' AND attempts = 1
                    AND run_at > now() + interval '60 seconds'
                    """) == 1
            }
            #expect(
                try await world.column(
                    "SELECT last_error FROM jobs WHERE lane_key = \(lane) AND attempts = 1", as: String.self
                )
                .first?.contains("slow down") == true)
            #expect(try await world.count("SELECT count(*) FROM messages") == 0)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == 0)
        }
    }

    @Test func aRevokedGrantStopsTheSyncAndMarksTheConnectionNeedsReauth() async throws {
        try await SyncWorld.with(mailbox: "revoked", reconcile: false) { world in
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Gone", id: "g1@client.example"))
            #expect(await world.emulator.world.revokeGrants(of: world.address) > 0)
            try await world.syncWithWorker()

            #expect(try await world.column("SELECT status FROM connections", as: String.self) == ["needs_reauth"])
            #expect(try await world.count("SELECT count(*) FROM events WHERE payload->>'status' = 'needs_reauth'") == 1)
            #expect(try await world.count("SELECT count(*) FROM messages") == 0)
        }
    }
}
