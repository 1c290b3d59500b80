import Foundation
import JobQueue
import Logging
import Postgres
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The work no push starts: a new connection's backfill in bounded slices, the safety-net poll
/// that catches a lost push, and token refreshes before expiry.
@Suite(.freshDatabase, .serialized)
struct ScheduledSyncTests {
    private func scheduler(_ world: SyncWorld, poll: Duration = .seconds(600)) -> SyncScheduler {
        SyncScheduler(
            store: world.store, queue: world.queue, configuration: SyncScheduler.Configuration(pollInterval: poll),
            logger: Logger(label: "test.scheduler"))
    }

    @Test func aNewConnectionImportsItsBackfillWindowInSlicesWithoutDuplicates() async throws {
        try await SyncWorld.with(mailbox: "backfiller") { world in
            try await world.store.withTenant(world.scope) { tx in try await tx.subAccounts.setBackfillDays(30) }
            let other = "history-owner@gmail.example"
            _ = await world.emulator.world.createAccount(email: other)
            let count = MailboxSyncHandler.backfillBatchSize * 2 + 7
            for index in 0..<count {
                let from = index % 3 == 0 ? "stranger\(index)@elsewhere.example" : SyncWorld.carol
                try await world.deliver(
                    mail(from: from, to: [other], subject: "Old \(index)", id: "old\(index)@client.example"), to: other)
            }
            let (_, connection) = try await world.connectAnother(other, in: world.scope)
            let lane = SyncJobs.syncLane(connection.mailboxID)
            try await world.runWorker("the backfill is done") {
                try await world.count(
                    "SELECT count(*) FROM connection_backfills WHERE connection_id = \(connection.id) AND finished_at IS NOT NULL"
                ) == 1
            }
            #expect(try await world.count("SELECT count(*) FROM jobs WHERE lane_key = \(lane) AND state = 'dead'") == 0)
            #expect(
                try await world.count("SELECT count(*) FROM sync_decisions WHERE connection_id = \(connection.id)") == count)
            let synced = (0..<count).filter { $0 % 3 != 0 }.count
            #expect(
                try await world.count("SELECT count(*) FROM provider_message_maps WHERE connection_id = \(connection.id)")
                    == synced)
            #expect(
                try await world.count(
                    "SELECT messages_done FROM connection_backfills WHERE connection_id = \(connection.id)") == count)

            // Running the backfill again (a killed worker's slice re-run) adds nothing.
            try await world.store.withTenant(world.scope) { tx in
                _ = try await tx.connection.query(
                    "UPDATE connection_backfills SET finished_at = NULL, page_token = NULL, page_offset = 0 WHERE connection_id = \(connection.id)")
            }
            let payload = BackfillPayload(
                connection: ConnectionRef(scope: world.scope, connectionID: connection.id),
                mailboxID: connection.mailboxID, days: 30)
            while try await world.handler.backfill(payload) != .succeeded {}
            #expect(try await world.count("SELECT count(*) FROM messages") == synced)
        }
    }

    @Test func aMessageWhosePushWasLostIsSyncedByThePoll() async throws {
        try await SyncWorld.with(mailbox: "lostpush") { world in
            try await world.syncWithWorker()
            // No push for this one: nothing enqueues a sync.
            try await world.deliver(
                mail(from: SyncWorld.carol, to: [world.address], subject: "Lost", id: "lost@client.example"))
            #expect(try await scheduler(world).tick().polls == 0)

            let tick = try await scheduler(world, poll: .milliseconds(1)).tick()
            #expect(tick.polls == 1)
            try await world.runWorker("the polled sync stored the message") {
                try await world.count("SELECT count(*) FROM messages WHERE message_id = 'lost@client.example'") == 1
            }
        }
    }

    @Test func aMailboxWithoutPushIsScheduledForRenewal() async throws {
        try await SyncWorld.with(mailbox: "nopush") { world in
            // The world's push target is empty, so the connect recorded no subscription.
            #expect(try await scheduler(world).tick().pushRenewals == 1)
            #expect(
                try await world.count(
                    """
                    SELECT count(*) FROM jobs WHERE kind = 'mailbox.renew_push' AND state = 'available'
                    AND fairness_key = \(world.mailboxID.uuidString)
                    """) == 1)
            // A second tick (or another worker's) finds the job live and adds none.
            _ = try await scheduler(world).tick()
            #expect(
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE kind = 'mailbox.renew_push' AND fairness_key = \(world.mailboxID.uuidString)"
                ) == 1)
        }
    }

    @Test func anExpiringTokenIsRefreshedBeforeItExpires() async throws {
        try await SyncWorld.with(mailbox: "refresher") { world in
            try await world.store.withTenant(world.scope) { tx in
                _ = try await tx.connection.query(
                    "UPDATE connections SET token_expires_at = now() + interval '2 minutes' WHERE id = \(world.connectionID)")
            }
            #expect(try await scheduler(world).tick().tokenRefreshes == 1)
            try await world.runWorker("the token was refreshed") {
                try await world.count(
                    "SELECT count(*) FROM connections WHERE token_expires_at > now() + interval '30 minutes'") == 1
            }
            #expect(try await world.column("SELECT status FROM connections", as: String.self) == ["connected"])
        }
    }

    @Test func aRejectedRefreshMarksTheConnectionAndStopsItsJobs() async throws {
        try await SyncWorld.with(mailbox: "rejected", reconcile: false) { world in
            try await world.store.withTenant(world.scope) { tx in
                _ = try await tx.connection.query(
                    "UPDATE connections SET token_expires_at = now() + interval '2 minutes' WHERE id = \(world.connectionID)")
            }
            #expect(await world.emulator.world.revokeGrants(of: world.address) > 0)
            // A sync waiting behind a rate limit, which the rejected refresh must stop.
            _ = try await world.queue.enqueue([
                NewJob(
                    kind: "mailbox.sync", fairnessKey: world.mailboxID.uuidString,
                    laneKey: SyncJobs.syncLane(world.mailboxID), uniqueKey: "mailbox.sync:\(world.mailboxID.uuidString)",
                    payload: try PostgresJSON(encoding: ["mailboxID": world.mailboxID.uuidString]),
                    runAt: Date().addingTimeInterval(3600))
            ])
            _ = try await scheduler(world).tick()
            try await world.runWorker("the refresh was rejected") {
                let marked = try await world.count("SELECT count(*) FROM connections WHERE status = 'needs_reauth'")
                let refreshed = try await world.count(
                    """
                    SELECT count(*) FROM jobs WHERE kind = 'token.refresh' AND state = 'succeeded'
                    AND unique_key = \("token.refresh:" + world.connectionID.uuidString)
                    """)
                return marked == 1 && refreshed == 1
            }
            #expect(
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE lane_key = \(SyncJobs.syncLane(world.mailboxID)) AND state = 'available'")
                    == 0)
        }
    }
}
