import Foundation
import Postgres

/// `mailsync admin skipped`: reads `admin.skipped_messages`, skipped mailbox messages counted
/// per sub-account, connection and reason (SPEC rule 9). Runs as `mailsync_admin`.
public struct SkippedMessageReport: Sendable {
    /// One group of the view.
    public struct Row: Sendable, Hashable {
        /// The sub-account.
        public var subAccountID: UUID
        /// The sub-account's name.
        public var subAccountName: String
        /// The connection that saw the messages.
        public var connectionID: UUID
        /// The connection's mailbox address.
        public var mailboxAddress: String
        /// The `SkipReason` code.
        public var reason: String
        /// How many messages were skipped for it.
        public var messages: Int
        /// The latest skip decision of the group.
        public var lastSeenAt: Date
    }

    /// The admin pool.
    public let client: PostgresClient

    /// Creates a report over an admin pool.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// The view's rows, of one sub-account when given, largest counts first.
    public func rows(subAccountID: UUID? = nil) async throws -> [Row] {
        try await client.query(
            """
            SELECT sub_account_id, sub_account_name, connection_id, mailbox_address, reason, messages, last_seen_at
            FROM admin.skipped_messages
            WHERE \(subAccountID)::uuid IS NULL OR sub_account_id = \(subAccountID)
            ORDER BY messages DESC, sub_account_name, mailbox_address, reason
            """
        ).decode((UUID, String, UUID, String, String, Int, Date).self).map {
            Row(
                subAccountID: $0.0, subAccountName: $0.1, connectionID: $0.2, mailboxAddress: $0.3, reason: $0.4,
                messages: $0.5, lastSeenAt: $0.6)
        }
    }
}
