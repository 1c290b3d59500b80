import Foundation
import Postgres

/// A job a worker has claimed: what its handler receives.
public struct Job: Sendable, Hashable {
    /// The job's id.
    public var id: Int64
    /// The handler name, e.g. `mailbox.sync`.
    public var kind: String
    /// The tenant or mailbox the job is fair to.
    public var fairnessKey: String
    /// The lane the job runs in alone, if any.
    public var laneKey: String?
    /// The job's small JSON payload.
    public var payload: PostgresJSON
    /// This is attempt number `attempt` (1 for the first run).
    public var attempt: Int
    /// After this many attempts a failure makes the job dead.
    public var maxAttempts: Int

    /// Decodes the payload.
    public func decodePayload<T: Decodable>(_ type: T.Type) throws -> T {
        try payload.decode(type)
    }
}

/// A job to enqueue.
public struct NewJob: Sendable {
    /// The handler name.
    public var kind: String
    /// The tenant (sub-account id) for tenant work, the mailbox id for mailbox-level work.
    public var fairnessKey: String
    /// At most one job of a lane runs at a time (`sync:<mailbox>`, `send:<mailbox>`).
    public var laneKey: String?
    /// At most one live job per unique key; enqueueing a duplicate returns the live job.
    public var uniqueKey: String?
    /// A small JSON payload of ids and options.
    public var payload: PostgresJSON
    /// Not before this time; nil means now.
    public var runAt: Date?
    /// Attempts before the job is dead.
    public var maxAttempts: Int

    /// Creates a job description.
    public init(
        kind: String, fairnessKey: String, laneKey: String? = nil, uniqueKey: String? = nil,
        payload: PostgresJSON = PostgresJSON(text: "{}"), runAt: Date? = nil, maxAttempts: Int = 20
    ) {
        self.kind = kind
        self.fairnessKey = fairnessKey
        self.laneKey = laneKey
        self.uniqueKey = uniqueKey
        self.payload = payload
        self.runAt = runAt
        self.maxAttempts = maxAttempts
    }
}

/// The result of enqueueing one job.
public struct EnqueuedJob: Sendable, Hashable {
    /// The job's id: the new job's, or the live duplicate's.
    public var id: Int64
    /// False when a live job with the same unique key already existed.
    public var isNew: Bool

    /// Creates a result.
    public init(id: Int64, isNew: Bool) {
        self.id = id
        self.isNew = isNew
    }
}

/// A job's lifecycle state, as stored.
public enum JobState: String, Sendable, PostgresDecodable, CaseIterable {
    case available, running, succeeded, cancelled, dead

    public init(postgresCell cell: PostgresCell) throws {
        guard let state = JobState(rawValue: try String(postgresCell: cell)) else {
            throw PostgresError(code: .decoding, message: "unknown job state", safeMessage: "unknown job state")
        }
        self = state
    }
}
