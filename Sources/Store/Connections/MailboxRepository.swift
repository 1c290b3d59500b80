import Foundation
import Postgres
import SyncCore

/// Mailboxes and their cursors: global rows (no tenant), shared by every connection to the same
/// provider account.
public struct MailboxRepository: Sendable {
    let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    private static let columns = """
        id, provider, provider_account_id, address, aliases, push_subscription_id, push_expires_at, throttled_until, \
        last_synced_at
        """

    /// The mailbox of a provider account, created on first sight; the address is updated to the
    /// one the provider reports now.
    public func upsert(provider: ProviderKind, accountID: String, address: String) async throws -> Mailbox {
        let row = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO mailboxes (provider, provider_account_id, address) VALUES ($1, $2, $3)
                    ON CONFLICT (provider, provider_account_id) DO UPDATE SET address = EXCLUDED.address,
                        updated_at = CASE WHEN mailboxes.address = EXCLUDED.address THEN mailboxes.updated_at ELSE now() END
                    RETURNING \(Self.columns)
                    """,
                binds: [provider.rawValue.postgresBind, accountID.postgresBind, address.postgresBind])
        ).single()
        return try Self.mailbox(row)
    }

    /// A mailbox by id.
    public func get(_ id: UUID) async throws -> Mailbox? {
        try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM mailboxes WHERE id = $1", binds: [id.postgresBind])
        ).first.map(Self.mailbox)
    }

    /// Replaces the addresses the account sends as.
    public func setAliases(_ id: UUID, _ aliases: [String]) async throws {
        try await update("UPDATE mailboxes SET aliases = \(PostgresTextArray(aliases)), updated_at = now() WHERE id = \(id)")
    }

    /// Records the push subscription (Graph subscription id; nil for a Gmail watch) and its
    /// expiry; both nil when push was stopped.
    public func setPush(_ id: UUID, subscriptionID: String?, expiresAt: Date?) async throws {
        try await update(
            """
            UPDATE mailboxes SET push_subscription_id = \(subscriptionID), push_expires_at = \(expiresAt), updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// Holds provider calls for this mailbox until `date` (nil: no hold).
    public func setThrottled(_ id: UUID, until date: Date?) async throws {
        try await update("UPDATE mailboxes SET throttled_until = \(date), updated_at = now() WHERE id = \(id)")
    }

    /// Counts one message sent through the mailbox on the current UTC day; returns the day's count.
    public func countSend(_ id: UUID) async throws -> Int {
        try await connection.query(
            """
            UPDATE mailboxes SET
                send_quota_used = CASE WHEN send_quota_day = (now() AT TIME ZONE 'UTC')::date THEN send_quota_used + 1 ELSE 1 END,
                send_quota_day = (now() AT TIME ZONE 'UTC')::date
            WHERE id = \(id) RETURNING send_quota_used
            """
        ).single().decode(Int.self, at: 0)
    }

    /// Records the end of a successful sync.
    public func recordSync(_ id: UUID, at date: Date) async throws {
        try await update("UPDATE mailboxes SET last_synced_at = \(date), updated_at = now() WHERE id = \(id)")
    }

    /// The cursor of one folder (`""` is Gmail's single history cursor).
    public func cursor(_ id: UUID, folderID: String = "") async throws -> String? {
        try await connection.query(
            "SELECT cursor FROM mailbox_cursors WHERE mailbox_id = \(id) AND folder_id = \(folderID)"
        ).first?.decode(String.self, at: 0)
    }

    /// Every cursor of the mailbox, by folder id.
    public func cursors(_ id: UUID) async throws -> [String: String] {
        let rows = try await connection.query("SELECT folder_id, cursor FROM mailbox_cursors WHERE mailbox_id = \(id)")
        return Dictionary(uniqueKeysWithValues: try rows.decode((String, String).self))
    }

    /// Stores a folder's cursor; call it in the transaction of the work the cursor covers.
    public func setCursor(_ id: UUID, folderID: String = "", to cursor: String) async throws {
        try await connection.query(
            """
            INSERT INTO mailbox_cursors (mailbox_id, folder_id, cursor) VALUES (\(id), \(folderID), \(cursor))
            ON CONFLICT (mailbox_id, folder_id) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()
            """)
    }

    /// Forgets a folder's cursor (the provider no longer accepts it: resync from `lastSyncedAt`).
    public func deleteCursor(_ id: UUID, folderID: String = "") async throws {
        try await connection.query("DELETE FROM mailbox_cursors WHERE mailbox_id = \(id) AND folder_id = \(folderID)")
    }

    private func update(_ query: PostgresQuery) async throws {
        try await connection.changeOne(query, of: "mailboxes")
    }

    private static func mailbox(_ row: PostgresRow) throws -> Mailbox {
        Mailbox(
            id: try row.decode(UUID.self, column: "id"),
            provider: try row.decode(ProviderKind.self, column: "provider"),
            providerAccountID: try row.decode(String.self, column: "provider_account_id"),
            address: try row.decode(String.self, column: "address"),
            aliases: try row.decodeStrings(column: "aliases"),
            pushSubscriptionID: try row.decode(String?.self, column: "push_subscription_id"),
            pushExpiresAt: try row.decode(Date?.self, column: "push_expires_at"),
            throttledUntil: try row.decode(Date?.self, column: "throttled_until"),
            lastSyncedAt: try row.decode(Date?.self, column: "last_synced_at"))
    }
}
