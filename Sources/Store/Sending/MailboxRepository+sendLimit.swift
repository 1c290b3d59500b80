import Foundation
import Postgres

extension MailboxRepository {
    /// Counts `recipients` against the mailbox's send count of the current UTC day when the count
    /// stays within `limit` (always when `limit` is nil); false, counting nothing, when it would
    /// pass the limit. Every connection of the mailbox shares the count, as it shares the provider's quota.
    public func reserveSend(_ id: UUID, recipients: Int, limit: Int?) async throws -> Bool {
        try await !connection.query(
            """
            WITH today AS (
                SELECT CASE WHEN send_quota_day = (now() AT TIME ZONE 'UTC')::date THEN send_quota_used ELSE 0 END
                    AS used
                FROM mailboxes WHERE id = \(id) FOR UPDATE
            )
            UPDATE mailboxes SET send_quota_used = today.used + \(recipients),
                send_quota_day = (now() AT TIME ZONE 'UTC')::date, updated_at = now()
            FROM today
            WHERE id = \(id) AND (\(limit)::integer IS NULL OR today.used + \(recipients) <= \(limit)::integer)
            RETURNING send_quota_used
            """
        ).isEmpty
    }
}
