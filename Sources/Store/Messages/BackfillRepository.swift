import Foundation
import Postgres

/// Where a connection's backfill import stands: its window (fixed when it starts), the listing
/// page being imported and how many of that page's messages are written. Updated in the same
/// transaction as the messages it covers, so a killed worker resumes where the last commit left.
public struct BackfillRepository: Sendable {
    /// A backfill's position.
    public struct Progress: Sendable, Hashable {
        /// The time window imported, fixed when the backfill started.
        public var window: DateInterval
        /// The provider's token of the page being imported; nil for the first page.
        public var pageToken: String?
        /// Messages of that page already written.
        public var pageOffset: Int
        /// Messages written so far.
        public var messagesDone: Int
        /// When the last page was written; nil while it runs.
        public var finishedAt: Date?
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// The connection's backfill, started over `window` when it has none.
    public func start(connectionID: UUID, window: DateInterval) async throws -> Progress {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO connection_backfills (sub_account_id, connection_id, window_start, window_end)
            VALUES (\(subAccountID), \(connectionID), \(window.start), \(window.end))
            ON CONFLICT (sub_account_id, connection_id) DO NOTHING
            """)
        guard let progress = try await get(connectionID: connectionID) else { throw StoreError(.notFound) }
        return progress
    }

    /// The connection's backfill, if one was started.
    public func get(connectionID: UUID) async throws -> Progress? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT window_start, window_end, page_token, page_offset, messages_done, finished_at
            FROM connection_backfills WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
            """
        ).decode((Date, Date, String?, Int, Int, Date?).self).first.map {
            Progress(
                window: DateInterval(start: $0.0, end: $0.1), pageToken: $0.2, pageOffset: $0.3, messagesDone: $0.4,
                finishedAt: $0.5)
        }
    }

    /// Records `written` more messages and the position after them; `finished` ends the backfill.
    public func advance(
        connectionID: UUID, pageToken: String?, pageOffset: Int, written: Int, finished: Bool
    ) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            UPDATE connection_backfills SET page_token = \(pageToken), page_offset = \(pageOffset),
                   messages_done = messages_done + \(written),
                   finished_at = CASE WHEN \(finished) THEN now() END
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
            """)
    }
}

extension TenantTransaction {
    /// Backfill progress per connection.
    public var backfills: BackfillRepository { BackfillRepository(self) }
}
