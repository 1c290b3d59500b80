import Foundation
import JobQueue
import Postgres

/// The job kinds the lifecycle schedules, with their lanes and unique keys, so every producer
/// (OAuth callback, push webhooks, the poll) makes the same job for the same mailbox.
public enum SyncJobs {
    /// Incremental sync of a mailbox from its cursor. One live job per mailbox: a burst of pushes
    /// yields one job.
    public static func sync(mailboxID: UUID) -> NewJob {
        mailboxJob("mailbox.sync", lane: syncLane(mailboxID), mailboxID: mailboxID)
    }

    /// Re-list a mailbox from its last synced time (cursor expired, a lifecycle event).
    public static func resync(mailboxID: UUID) -> NewJob {
        mailboxJob("mailbox.resync", lane: syncLane(mailboxID), mailboxID: mailboxID)
    }

    /// Renew (or recreate) a mailbox's push subscription.
    public static func renewPush(mailboxID: UUID) -> NewJob {
        mailboxJob("mailbox.renew_push", lane: "push:\(mailboxID.uuidString)", mailboxID: mailboxID)
    }

    /// A mailbox-level job: fair to the mailbox, unique per kind and mailbox.
    private static func mailboxJob(_ kind: String, lane: String, mailboxID: UUID) -> NewJob {
        NewJob(
            kind: kind, fairnessKey: mailboxID.uuidString, laneKey: lane, uniqueKey: "\(kind):\(mailboxID.uuidString)",
            payload: (try? PostgresJSON(encoding: ["mailboxID": mailboxID.uuidString])) ?? PostgresJSON(text: "{}"))
    }

    /// Import the sub-account's backfill window for a new connection.
    public static func backfill(connection: ConnectionRef, mailboxID: UUID, days: Int) -> NewJob {
        NewJob(
            kind: "mailbox.backfill", fairnessKey: connection.scope.subAccountID?.uuidString ?? mailboxID.uuidString,
            laneKey: syncLane(mailboxID), uniqueKey: "mailbox.backfill:\(connection.connectionID.uuidString)",
            payload: (try? PostgresJSON(encoding: BackfillPayload(connection: connection, mailboxID: mailboxID, days: days)))
                ?? PostgresJSON(text: "{}"))
    }

    /// Refresh a connection's access token before it expires; one at a time per connection.
    public static func tokenRefresh(connection: ConnectionRef, mailboxID: UUID) -> NewJob {
        let id = connection.connectionID.uuidString
        return NewJob(
            kind: "token.refresh", fairnessKey: connection.scope.subAccountID?.uuidString ?? mailboxID.uuidString,
            laneKey: "token:\(id)", uniqueKey: "token.refresh:\(id)",
            payload: (try? PostgresJSON(encoding: TokenRefreshPayload(connection: connection, mailboxID: mailboxID)))
                ?? PostgresJSON(text: "{}"))
    }

    /// The lane of a mailbox's syncs.
    public static func syncLane(_ mailboxID: UUID) -> String { "sync:\(mailboxID.uuidString)" }

    /// The lane of a connection's sends.
    public static func sendLane(_ connectionID: UUID) -> String { "send:\(connectionID.uuidString)" }
}
