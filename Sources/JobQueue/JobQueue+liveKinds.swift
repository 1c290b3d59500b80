import Postgres

extension JobQueue {
    /// The kinds of a lane's live (available or running) jobs, e.g. to show that a mailbox's first
    /// sync or backfill is still under way.
    public func liveKinds(lane: String) async throws -> Set<String> {
        try await client.withConnection { connection in
            Set(
                try await connection.query(
                    """
                    SELECT DISTINCT kind FROM jobs
                    WHERE (state = 'available' AND lane_key = \(lane)) OR (state = 'running' AND lane_key = \(lane))
                    """
                ).decode(String.self))
        }
    }
}
