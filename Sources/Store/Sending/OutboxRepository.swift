import Foundation
import Postgres
import SyncCore

/// The sub-account's CRM sends (the outbox): written with the CRM message and its job, then
/// moved `queued` -> `sending` -> `sent` or `failed` by the `email.send` handler.
public struct OutboxRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private static let columns = """
        id, sub_account_id, message_id, kind, sender_reason, user_id, connection_id, sent_connection_id, contact_id, \
        state, attempts, last_error, counted_on IS NOT NULL AS is_counted, provider_message_id, provider_thread_id
        """

    /// Writes a queued entry for a stored CRM message.
    public func create(
        messageID: UUID, kind: SenderChoice.Kind, reason: SenderChoice.Reason, userID: UUID?, connectionID: UUID?,
        contactID: UUID?
    ) async throws -> OutboxEntry {
        let subAccountID = try transaction.requireSubAccount()
        let row = try await transaction.connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO outbox (sub_account_id, message_id, kind, sender, sender_reason, user_id, connection_id,
                        contact_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING \(Self.columns)
                    """,
                binds: [
                    subAccountID.postgresBind, messageID.postgresBind, kind.rawValue.postgresBind,
                    reason.sender.rawValue.postgresBind, reason.rawValue.postgresBind, userID.postgresBind,
                    connectionID.postgresBind, contactID.postgresBind,
                ])
        ).single()
        return try Self.entry(row)
    }

    /// An entry by id, locked for this transaction when `forUpdate`.
    public func get(_ id: UUID, forUpdate: Bool = false) async throws -> OutboxEntry? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM outbox WHERE sub_account_id = $1 AND id = $2"
                    + (forUpdate ? " FOR UPDATE" : ""),
                binds: [subAccountID.postgresBind, id.postgresBind])
        ).first.map(Self.entry)
    }

    /// Marks the start of an attempt that may call the provider: state `sending`, one more attempt,
    /// and the connection it goes through.
    public func markSending(_ id: UUID, connectionID: UUID?) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE outbox SET state = 'sending', attempts = attempts + 1, sent_connection_id = \(connectionID),
                updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id) AND state IN ('queued', 'sending')
            """, of: "outbox")
    }

    /// Records that the mail counts against today's (UTC) send limit.
    public func markCounted(_ id: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE outbox SET counted_on = (now() AT TIME ZONE 'UTC')::date, updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """, of: "outbox")
    }

    /// Records the provider's acceptance and the ids of the sent copy (nil for SMTP).
    public func markSent(_ id: UUID, connectionID: UUID?, providerMessageID: String?, providerThreadID: String?)
        async throws
    {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE outbox SET state = 'sent', sent_connection_id = \(connectionID),
                provider_message_id = \(providerMessageID), provider_thread_id = \(providerThreadID),
                sent_at = now(), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """, of: "outbox")
    }

    /// Gives up on a send, with the reason in plain words.
    public func markFailed(_ id: UUID, error message: String) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE outbox SET state = 'failed', last_error = \(message), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """, of: "outbox")
    }

    /// Fails every unsent entry queued for a connection (its jobs were cancelled); returns how many.
    @discardableResult
    public func failUnsent(connectionID: UUID, error message: String) async throws -> Int {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            UPDATE outbox SET state = 'failed', last_error = \(message), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
              AND state IN ('queued', 'sending')
            """
        ).affectedRows
    }

    /// Notes why an attempt will be retried (the state stays).
    public func recordError(_ id: UUID, message: String) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE outbox SET last_error = \(message), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """, of: "outbox")
    }

    private static func entry(_ row: PostgresRow) throws -> OutboxEntry {
        OutboxEntry(
            id: try row.decode(UUID.self, column: "id"),
            subAccountID: try row.decode(UUID.self, column: "sub_account_id"),
            messageID: try row.decode(UUID.self, column: "message_id"),
            kind: try row.decode(SenderChoice.Kind.self, column: "kind"),
            reason: try row.decode(SenderChoice.Reason.self, column: "sender_reason"),
            userID: try row.decode(UUID?.self, column: "user_id"),
            connectionID: try row.decode(UUID?.self, column: "connection_id"),
            sentConnectionID: try row.decode(UUID?.self, column: "sent_connection_id"),
            contactID: try row.decode(UUID?.self, column: "contact_id"),
            state: try row.decode(OutboxEntry.State.self, column: "state"),
            attempts: try row.decode(Int.self, column: "attempts"),
            lastError: try row.decode(String?.self, column: "last_error"),
            isCounted: try row.decode(Bool.self, column: "is_counted"),
            providerMessageID: try row.decode(String?.self, column: "provider_message_id"),
            providerThreadID: try row.decode(String?.self, column: "provider_thread_id"))
    }
}
