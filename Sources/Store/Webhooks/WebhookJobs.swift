import Foundation
import JobQueue
import Postgres

/// The `events.deliver` jobs of one delivery lane (one endpoint, one sub-account). A job only
/// wakes the lane; the lane's pending `webhook_deliveries` rows say what to send.
///
/// Two unique keys share the lane, so a wake-up is never swallowed by a job that is already
/// waiting: the prompt job (new events, redeliver, enable, sweep) runs now; the follow-up job
/// waits for the head's next attempt or continues a long backlog.
public enum WebhookJobs {
    /// The job kind.
    public static let kind = "events.deliver"

    /// What an `events.deliver` job names.
    public struct Payload: Codable, Sendable, Hashable {
        /// The endpoint's agency.
        public var agencyID: UUID
        /// The sub-account whose events the lane delivers.
        public var subAccountID: UUID
        /// The endpoint.
        public var endpointID: UUID
        /// True for the lane's follow-up job.
        public var isFollowUp: Bool

        /// Creates a payload.
        public init(agencyID: UUID, subAccountID: UUID, endpointID: UUID, isFollowUp: Bool = false) {
            self.agencyID = agencyID
            self.subAccountID = subAccountID
            self.endpointID = endpointID
            self.isFollowUp = isFollowUp
        }
    }

    /// Wakes the lane now; coalesces with the lane's waiting prompt job.
    public static func deliver(agencyID: UUID, subAccountID: UUID, endpointID: UUID) -> NewJob {
        job(Payload(agencyID: agencyID, subAccountID: subAccountID, endpointID: endpointID), runAt: nil)
    }

    /// Wakes the lane at `runAt` (nil: now) through its follow-up job.
    public static func followUp(_ lane: Payload, at runAt: Date?) -> NewJob {
        var payload = lane
        payload.isFollowUp = true
        return job(payload, runAt: runAt)
    }

    /// The lane key: at most one job of a lane runs at a time, so the lane delivers in order.
    public static func lane(subAccountID: UUID, endpointID: UUID) -> String {
        "webhooks:\(endpointID.uuidString):\(subAccountID.uuidString)"
    }

    private static func job(_ payload: Payload, runAt: Date?) -> NewJob {
        let lane = lane(subAccountID: payload.subAccountID, endpointID: payload.endpointID)
        return NewJob(
            kind: kind, fairnessKey: payload.subAccountID.uuidString, laneKey: lane,
            uniqueKey: "\(kind):\(lane)" + (payload.isFollowUp ? ":follow-up" : ""),
            payload: (try? PostgresJSON(encoding: payload)) ?? PostgresJSON(text: "{}"), runAt: runAt,
            maxAttempts: payload.isFollowUp ? 500 : 20)
    }
}
