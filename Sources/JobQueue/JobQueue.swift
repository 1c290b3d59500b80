import Foundation
import Logging
import Postgres

/// The job table's operations: enqueue (with one `NOTIFY` per batch), claim, complete, retry,
/// lease renewal, takeover of expired leases, cancel and retention.
///
/// ```swift
/// let queue = JobQueue(client: db)
/// try await queue.enqueue([NewJob(kind: "mailbox.sync", fairnessKey: mailboxID, laneKey: "sync:\(mailboxID)",
///                                 uniqueKey: "sync:\(mailboxID)")])
/// ```
/// Worker bookkeeping (claims, completions, lease renewals) commits with
/// `synchronous_commit = off`: losing one in a crash only means a job runs again, which every
/// handler must tolerate anyway (at-least-once delivery). Enqueues stay durable.
public struct JobQueue: Sendable {
    /// The `LISTEN`/`NOTIFY` channel that wakes workers.
    public static let channel = "mailsync_jobs"
    /// Serialises claim transactions, so two workers never claim two jobs of one lane.
    static let claimLockKey: Int64 = 0x6A6F_6273_636C_6169  // "jobsclai"

    /// The pool the queue uses.
    public let client: PostgresClient

    /// Creates the queue over a pool.
    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Enqueue

    /// Enqueues jobs in their own transaction.
    @discardableResult
    public func enqueue(_ jobs: [NewJob]) async throws -> [EnqueuedJob] {
        try await client.withConnection { try await enqueue(jobs, on: $0) }
    }

    /// Enqueues jobs on a connection, inside the caller's transaction when it has one: the jobs
    /// and the wake-up commit together with the caller's work. One statement for all jobs and
    /// one `NOTIFY`, in one round trip.
    @discardableResult
    public func enqueue(_ jobs: [NewJob], on connection: PostgresConnection) async throws -> [EnqueuedJob] {
        try await Self.enqueue(jobs, on: connection)
    }

    /// Enqueues jobs inside a caller's transaction, for code that holds a connection but not the
    /// pool (a repository that wakes a job with the rows it writes).
    @discardableResult
    public static func enqueue(_ jobs: [NewJob], on connection: PostgresConnection) async throws -> [EnqueuedJob] {
        guard !jobs.isEmpty else { return [] }
        let results = try await connection.pipeline([
            Self.enqueueQuery(jobs), "SELECT pg_notify(\(Self.channel), '')",
        ])
        return try results[0].decode((Int64, Bool).self).map { EnqueuedJob(id: $0.0, isNew: $0.1) }
    }

    static func enqueueQuery(_ jobs: [NewJob]) -> PostgresQuery {
        let kinds = PostgresTextArray(jobs.map(\.kind))
        let fairness = PostgresTextArray(jobs.map(\.fairnessKey))
        let lanes = PostgresTextArray(jobs.map(\.laneKey))
        let uniques = PostgresTextArray(jobs.map(\.uniqueKey))
        let payloads = PostgresTextArray(jobs.map(\.payload.text))
        let runAts = PostgresTextArray(jobs.map { $0.runAt.map { String(decoding: $0.postgresBind.bytes ?? [], as: UTF8.self) } })
        let maxAttempts = PostgresTextArray(jobs.map { String($0.maxAttempts) })
        // Ids are drawn first so every input row knows its id; a duplicate's id is the live job's,
        // found in this batch or in the table.
        return """
            WITH input AS (
                SELECT nextval(pg_get_serial_sequence('jobs', 'id')) AS id, u.*
                FROM unnest(\(kinds)::text[], \(fairness)::text[], \(lanes)::text[], \(uniques)::text[],
                            \(payloads)::text[], \(runAts)::text[], \(maxAttempts)::text[])
                     WITH ORDINALITY AS u(kind, fairness_key, lane_key, unique_key, payload, run_at, max_attempts, ord)
            ), inserted AS (
                INSERT INTO jobs (id, kind, fairness_key, lane_key, unique_key, payload, run_at, max_attempts)
                SELECT id, kind, fairness_key, lane_key, unique_key, payload::jsonb,
                       coalesce(run_at::timestamptz, now()), max_attempts::integer
                FROM input ORDER BY ord
                ON CONFLICT (unique_key) WHERE state IN ('available', 'running') AND unique_key IS NOT NULL DO NOTHING
                RETURNING id
            ), rerun AS (
                UPDATE jobs SET rerun = true
                WHERE state = 'running' AND NOT rerun
                  AND unique_key IN (SELECT unique_key FROM input WHERE unique_key IS NOT NULL)
            )
            SELECT coalesce(
                       ins.id,
                       (SELECT min(other.id) FROM input other JOIN inserted done ON done.id = other.id
                        WHERE other.unique_key = i.unique_key),
                       (SELECT live.id FROM jobs live
                        WHERE live.unique_key = i.unique_key AND live.state IN ('available', 'running')),
                       0),
                   ins.id IS NOT NULL
            FROM input i LEFT JOIN inserted ins ON ins.id = i.id
            ORDER BY i.ord
            """
    }

    // MARK: - Worker operations

    /// Claims up to `limit` due jobs for `owner`: round-robin across fairness keys (each key's
    /// oldest first), at most one job per lane, none from a lane that already has a running job.
    public func claim(limit: Int, owner: String, lease: Duration) async throws -> [Job] {
        guard limit > 0 else { return [] }
        return try await client.withConnection { connection in
            let statements: [PostgresQuery] = [
                "BEGIN",
                "SET LOCAL synchronous_commit = off",
                "SELECT pg_advisory_xact_lock(\(Self.claimLockKey))",
                Self.claimQuery(limit: limit, owner: owner, lease: lease),
                "COMMIT",
            ]
            do {
                let results = try await connection.pipeline(statements)
                return try results[3].decode((Int64, String, String, String?, PostgresJSON, Int, Int).self).map {
                    Job(
                        id: $0.0, kind: $0.1, fairnessKey: $0.2, laneKey: $0.3, payload: $0.4, attempt: $0.5,
                        maxAttempts: $0.6)
                }
            } catch {
                _ = try? await connection.executeSimple("ROLLBACK")
                throw error
            }
        }
    }

    static func claimQuery(limit: Int, owner: String, lease: Duration) -> PostgresQuery {
        """
        WITH RECURSIVE fairness_keys AS (
            (SELECT fairness_key FROM jobs
             WHERE state = 'available' AND run_at <= now() ORDER BY fairness_key LIMIT 1)
            UNION ALL
            SELECT (SELECT j.fairness_key FROM jobs j
                    WHERE j.state = 'available' AND j.run_at <= now() AND j.fairness_key > k.fairness_key
                    ORDER BY j.fairness_key LIMIT 1)
            FROM fairness_keys k WHERE k.fairness_key IS NOT NULL
        ), share AS (
            -- Each key offers twice its even share of the batch, so the round-robin below
            -- never has to look at more than about 2 x limit rows.
            SELECT (2 * ceil(\(limit)::float8 / greatest(1, count(fairness_key))))::integer AS per_key
            FROM fairness_keys
        ), candidates AS (
            SELECT c.id, c.lane_key, c.rank, c.run_at
            FROM fairness_keys k
            CROSS JOIN LATERAL (
                SELECT j.id, j.lane_key, j.run_at, row_number() OVER (ORDER BY j.run_at, j.id) AS rank
                FROM jobs j
                WHERE j.state = 'available' AND j.fairness_key = k.fairness_key AND j.run_at <= now()
                  AND (j.lane_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM jobs r WHERE r.lane_key = j.lane_key AND r.state = 'running'))
                ORDER BY j.run_at, j.id
                LIMIT (SELECT per_key FROM share)
            ) c
            WHERE k.fairness_key IS NOT NULL
        ), one_per_lane AS (
            SELECT DISTINCT ON (coalesce(lane_key, id::text)) id, rank, run_at
            FROM candidates
            ORDER BY coalesce(lane_key, id::text), rank, run_at, id
        ), chosen AS (
            SELECT id FROM one_per_lane ORDER BY rank, run_at, id LIMIT \(limit)
        )
        UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(owner),
               lease_expires_at = now() + make_interval(secs => \(lease.seconds)), updated_at = now()
        WHERE id IN (SELECT id FROM chosen) AND state = 'available'
        RETURNING id, kind, fairness_key, lane_key, payload, attempts, max_attempts
        """
    }

    /// Marks jobs succeeded; ignores any whose lease `owner` lost (cancelled or taken over). A job
    /// a duplicate was enqueued for while it ran (`rerun`) is made available again instead, once.
    public func complete(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        let list = PostgresTextArray(ids.map { String($0) })
        try await client.withConnection { connection in
            _ = try await connection.pipeline([
                "BEGIN", "SET LOCAL synchronous_commit = off",
                """
                UPDATE jobs SET state = CASE WHEN rerun THEN 'available'::job_state ELSE 'succeeded'::job_state END,
                       finished_at = CASE WHEN rerun THEN NULL ELSE now() END, updated_at = now(),
                       attempts = CASE WHEN rerun THEN 0 ELSE attempts END, rerun = false,
                       lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ANY(\(list)::bigint[]) AND state = 'running' AND lease_owner = \(owner)
                """,
                "COMMIT",
            ])
        }
    }

    /// Records a failed attempt: the job runs again after `delay`, or is dead when it has used
    /// its attempts.
    public func fail(_ id: Int64, owner: String, delay: Duration, error: String) async throws {
        try await client.query(
            """
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'dead'::job_state ELSE 'available'::job_state END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                run_at = now() + make_interval(secs => \(delay.seconds)),
                last_error = left(\(error), 2000), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = \(id) AND state = 'running' AND lease_owner = \(owner)
            """)
    }

    /// Puts claimed jobs back as if never claimed: jobs that never started (graceful shutdown), or
    /// a job whose handler asked for its next slice (`JobOutcome.again`).
    public func release(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        let list = PostgresTextArray(ids.map { String($0) })
        try await client.query(
            """
            UPDATE jobs SET state = 'available', attempts = attempts - 1, lease_owner = NULL,
                   lease_expires_at = NULL, updated_at = now()
            WHERE id = ANY(\(list)::bigint[]) AND state = 'running' AND lease_owner = \(owner)
            """)
    }

    /// Extends the leases of `owner`'s running jobs; returns the ids it still holds.
    public func renewLeases(_ ids: [Int64], owner: String, lease: Duration) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let list = PostgresTextArray(ids.map { String($0) })
        let rows = try await client.withConnection { connection in
            try await connection.pipeline([
                "BEGIN", "SET LOCAL synchronous_commit = off",
                """
                UPDATE jobs SET lease_expires_at = now() + make_interval(secs => \(lease.seconds))
                WHERE id = ANY(\(list)::bigint[]) AND state = 'running' AND lease_owner = \(owner)
                RETURNING id
                """,
                "COMMIT",
            ])[2]
        }
        return Set(try rows.decodeColumn(Int64.self))
    }

    /// Makes running jobs whose lease expired (their worker died) available again, or dead when
    /// they have used their attempts. Returns how many it took over.
    @discardableResult
    public func reclaimExpiredLeases() async throws -> Int {
        try await client.query(
            """
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'dead'::job_state ELSE 'available'::job_state END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                last_error = 'lease expired: the worker stopped without finishing', lease_owner = NULL,
                lease_expires_at = NULL, run_at = now(), updated_at = now()
            WHERE state = 'running' AND lease_expires_at < now()
            """
        ).affectedRows
    }

    /// Cancels every live job of a lane (`send:<mailbox>`); returns how many.
    @discardableResult
    public func cancel(lane: String) async throws -> Int {
        try await client.withConnection { try await cancel(lane: lane, on: $0) }
    }

    /// Cancels every live job of a lane inside the caller's transaction.
    @discardableResult
    public func cancel(lane: String, on connection: PostgresConnection) async throws -> Int {
        try await cancelLiveJobs(column: "lane_key", value: lane, on: connection)
    }

    /// Cancels every live job of a fairness key (a tenant, or a mailbox); returns how many.
    @discardableResult
    public func cancel(fairnessKey: String) async throws -> Int {
        try await client.withConnection { try await cancel(fairnessKey: fairnessKey, on: $0) }
    }

    /// Cancels every live job of a fairness key inside the caller's transaction.
    @discardableResult
    public func cancel(fairnessKey: String, on connection: PostgresConnection) async throws -> Int {
        try await cancelLiveJobs(column: "fairness_key", value: fairnessKey, on: connection)
    }

    /// A running job that is cancelled finishes its current attempt; its result is then ignored.
    /// The two states are separate conditions so each can use its partial index.
    private func cancelLiveJobs(column: String, value: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            """
            UPDATE jobs SET state = 'cancelled', finished_at = now(), updated_at = now(), lease_owner = NULL,
                   lease_expires_at = NULL
            WHERE (state = 'available' AND \(identifier: column) = \(value))
               OR (state = 'running' AND \(identifier: column) = \(value))
            """
        ).affectedRows
    }

    /// Deletes finished jobs older than the retention periods; returns how many.
    @discardableResult
    public func purgeFinished(
        succeededOlderThan: Duration = .seconds(86_400), deadOlderThan: Duration = .seconds(14 * 86_400),
        batchSize: Int = 5000
    ) async throws -> Int {
        try await client.query(
            """
            DELETE FROM jobs WHERE id IN (
                SELECT id FROM jobs
                WHERE (state IN ('succeeded', 'cancelled')
                       AND finished_at < now() - make_interval(secs => \(succeededOlderThan.seconds)))
                   OR (state = 'dead' AND finished_at < now() - make_interval(secs => \(deadOlderThan.seconds)))
                LIMIT \(batchSize))
            """
        ).affectedRows
    }
}

extension Duration {
    /// The duration in seconds, as a Double (for SQL intervals).
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
