import Foundation
import JobQueue
import Postgres

/// The job kinds the lifecycle schedules, with their lanes and unique keys, so every producer
/// (OAuth callback, push webhooks, the poll) makes the same job for the same mailbox.
public enum SyncJobs {
    /// Incremental sync of a mailbox from its cursor. One live job per mailbox: a burst of pushes
    /// yields one job.
    public static func sync(mailboxID: UUID) -> NewJob {
        NewJob(
            kind: "mailbox.sync", fairnessKey: mailboxID.uuidString, laneKey: "sync:\(mailboxID.uuidString)",
            uniqueKey: "mailbox.sync:\(mailboxID.uuidString)",
            payload: (try? PostgresJSON(encoding: ["mailboxID": mailboxID.uuidString])) ?? PostgresJSON(text: "{}"))
    }

    /// Re-list a mailbox from its last synced time (cursor expired, a lifecycle event).
    public static func resync(mailboxID: UUID) -> NewJob {
        NewJob(
            kind: "mailbox.resync", fairnessKey: mailboxID.uuidString, laneKey: "sync:\(mailboxID.uuidString)",
            uniqueKey: "mailbox.resync:\(mailboxID.uuidString)",
            payload: (try? PostgresJSON(encoding: ["mailboxID": mailboxID.uuidString])) ?? PostgresJSON(text: "{}"))
    }

    /// Import the sub-account's backfill window for a new connection.
    public static func backfill(connection: ConnectionRef, mailboxID: UUID, days: Int) -> NewJob {
        struct Payload: Encodable {
            var connection: ConnectionRef
            var mailboxID: UUID
            var days: Int
        }
        return NewJob(
            kind: "mailbox.backfill", fairnessKey: connection.scope.subAccountID?.uuidString ?? mailboxID.uuidString,
            laneKey: "sync:\(mailboxID.uuidString)", uniqueKey: "mailbox.backfill:\(connection.connectionID.uuidString)",
            payload: (try? PostgresJSON(encoding: Payload(connection: connection, mailboxID: mailboxID, days: days)))
                ?? PostgresJSON(text: "{}"))
    }

    /// The lane of a mailbox's syncs.
    public static func syncLane(_ mailboxID: UUID) -> String { "sync:\(mailboxID.uuidString)" }

    /// The lane of a connection's sends.
    public static func sendLane(_ connectionID: UUID) -> String { "send:\(connectionID.uuidString)" }
}
