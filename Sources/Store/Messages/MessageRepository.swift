import Foundation
import Postgres
import SyncCore

/// The sub-account's synced messages, their attachments, and each connection's copies of them
/// (message maps). A message is stored once per fingerprint, whichever connections saw it.
public struct MessageRepository: Sendable {
    /// The outcome of ``insert(_:)``.
    public struct Inserted: Sendable, Hashable {
        /// The stored message (the new one, or the one with the same fingerprint).
        public var id: UUID
        /// The message's thread.
        public var threadID: UUID
        /// False when a message with the same fingerprint was already stored.
        public var isNew: Bool
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Stores a message unless one with its fingerprint exists; either way returns the stored one.
    /// A row another transaction committed while this insert waited is read by a second statement
    /// (the first one's snapshot predates it).
    public func insert(_ message: NewMessage) async throws -> Inserted {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            """
            WITH inserted AS (
                INSERT INTO messages (
                    sub_account_id, thread_id, direction, source, sync_reason, message_id, fingerprint, from_address,
                    from_name, to_addresses, cc_addresses, bcc_addresses, subject, text_body, html_body, in_reply_to,
                    reference_ids, sent_at, is_read, is_trashed, sender_connection_id)
                VALUES (
                    \(subAccountID), \(message.threadID), \(message.direction.rawValue), \(message.source.rawValue),
                    \(message.syncReason.rawValue), \(message.messageID), \(message.fingerprint), \(message.from?.address),
                    \(message.from?.name), \(PostgresTextArray(message.to)), \(PostgresTextArray(message.cc)),
                    \(PostgresTextArray(message.bcc)), \(message.subject), \(message.textBody), \(message.htmlBody),
                    \(PostgresTextArray(message.inReplyTo)), \(PostgresTextArray(message.references)), \(message.sentAt),
                    \(message.isRead), \(message.isTrashed), \(message.senderConnectionID))
                ON CONFLICT (sub_account_id, fingerprint) DO NOTHING
                RETURNING id, thread_id
            )
            SELECT id, thread_id, true FROM inserted
            UNION ALL
            SELECT id, thread_id, false FROM messages
            WHERE sub_account_id = \(subAccountID) AND fingerprint = \(message.fingerprint)
            LIMIT 1
            """)
        let row: PostgresRow
        if let first = rows.first {
            row = first
        } else {
            row = try await transaction.connection.query(
                """
                SELECT id, thread_id, false FROM messages
                WHERE sub_account_id = \(subAccountID) AND fingerprint = \(message.fingerprint)
                """
            ).single()
        }
        return Inserted(
            id: try row.decode(UUID.self, at: 0), threadID: try row.decode(UUID.self, at: 1),
            isNew: try row.decode(Bool.self, at: 2))
    }

    /// Stores an attachment's bytes with the message.
    public func addAttachment(
        messageID: UUID, partID: String, filename: String?, mimeType: String, content: [UInt8]
    ) async throws {
        try await attachment(
            messageID: messageID, partID: partID, filename: filename, mimeType: mimeType, size: content.count,
            content: content, notSyncedReason: nil)
    }

    /// Records an attachment the message goes without ("not synced"), with the reason.
    public func addUnsyncedAttachment(
        messageID: UUID, partID: String, filename: String?, mimeType: String, size: Int, reason: String
    ) async throws {
        try await attachment(
            messageID: messageID, partID: partID, filename: filename, mimeType: mimeType, size: size, content: nil,
            notSyncedReason: reason)
    }

    private func attachment(
        messageID: UUID, partID: String, filename: String?, mimeType: String, size: Int, content: [UInt8]?,
        notSyncedReason: String?
    ) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO message_attachments (
                sub_account_id, message_id, part_id, filename, mime_type, size, content, not_synced_reason)
            VALUES (
                \(subAccountID), \(messageID), \(partID), \(filename), \(mimeType), \(size), \(content),
                \(notSyncedReason))
            ON CONFLICT DO NOTHING
            """)
    }

    /// Records a connection's copy of a message (nothing changes when already recorded).
    public func map(connectionID: UUID, providerMessageID: String, providerThreadID: String?, to messageID: UUID)
        async throws
    {
        try await map(
            connectionID: connectionID,
            [(providerMessageID: providerMessageID, providerThreadID: providerThreadID, messageID: messageID)])
    }

    /// Records several copies a connection holds in one statement (nothing changes for those
    /// already recorded).
    public func map(
        connectionID: UUID, _ maps: [(providerMessageID: String, providerThreadID: String?, messageID: UUID)]
    ) async throws {
        guard !maps.isEmpty else { return }
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO provider_message_maps (
                sub_account_id, connection_id, provider_message_id, message_id, provider_thread_id)
            SELECT \(subAccountID), \(connectionID), u.provider_message_id, u.message_id::uuid, u.provider_thread_id
            FROM unnest(\(PostgresTextArray(maps.map(\.providerMessageID)))::text[],
                        \(PostgresTextArray(maps.map(\.messageID.uuidString)))::text[],
                        \(PostgresTextArray(maps.map(\.providerThreadID)))::text[])
                 WITH ORDINALITY AS u(provider_message_id, message_id, provider_thread_id, ord)
            ORDER BY u.ord
            ON CONFLICT DO NOTHING
            """)
    }

    /// Which of `providerMessageIDs` the connection has mapped, in one query.
    public func mapped(connectionID: UUID, among providerMessageIDs: [String]) async throws -> Set<String> {
        let subAccountID = try transaction.requireSubAccount()
        return Set(
            try await transaction.connection.query(
                """
                SELECT provider_message_id FROM provider_message_maps
                WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
                  AND provider_message_id = ANY(\(PostgresTextArray(providerMessageIDs)))
                """
            ).decodeColumn(String.self))
    }

    /// Reflects the provider's read or trash state (nil leaves it) on the message a connection's
    /// provider message maps to; returns that message when its state changed. A read state the
    /// CRM set and the mailboxes do not have yet (`read_requested_at`, at most 15 minutes) wins.
    @discardableResult
    public func updateState(connectionID: UUID, providerMessageID: String, isRead: Bool?, isTrashed: Bool?)
        async throws -> UUID?
    {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            WITH target AS (
                SELECT m.id,
                    CASE WHEN m.read_requested_at > now() - interval '15 minutes' THEN m.is_read
                         ELSE coalesce(\(isRead), m.is_read) END AS is_read,
                    coalesce(\(isTrashed), m.is_trashed) AS is_trashed
                FROM provider_message_maps p
                JOIN messages m ON m.sub_account_id = p.sub_account_id AND m.id = p.message_id
                WHERE p.sub_account_id = \(subAccountID) AND p.connection_id = \(connectionID)
                  AND p.provider_message_id = \(providerMessageID)
            )
            UPDATE messages m SET is_read = t.is_read, is_trashed = t.is_trashed, updated_at = now()
            FROM target t
            WHERE m.sub_account_id = \(subAccountID) AND m.id = t.id
              AND (m.is_read IS DISTINCT FROM t.is_read OR m.is_trashed IS DISTINCT FROM t.is_trashed)
            RETURNING m.id
            """
        ).decodeColumn(UUID.self).first
    }
}
