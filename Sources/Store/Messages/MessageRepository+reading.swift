import Foundation
import Postgres
import SyncCore

/// Reading synced messages for the CRM, and the CRM's own read-state changes (SPEC rule 10).
extension MessageRepository {
    /// One message with its attachments' metadata.
    public func get(_ id: UUID) async throws -> StoredMessage? {
        try await select(id: id, threadID: nil, after: nil, limit: 1).first
    }

    /// A page of a thread's messages in order (Date header, else when stored; then id): those
    /// after the message `after`, at most `limit`.
    public func list(threadID: UUID, after: UUID? = nil, limit: Int = 100) async throws -> [StoredMessage] {
        try await select(id: nil, threadID: threadID, after: after, limit: limit)
    }

    /// An attachment with its bytes (nil bytes when it was not synced).
    public func attachmentContent(messageID: UUID, partID: String) async throws -> AttachmentContent? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT part_id, filename, mime_type, size, not_synced_reason, content FROM message_attachments
            WHERE sub_account_id = \(subAccountID) AND message_id = \(messageID) AND part_id = \(partID)
            """
        ).first.map { row in
            AttachmentContent(
                attachment: try Self.attachment(row), bytes: try row.decode([UInt8]?.self, column: "content"))
        }
    }

    /// Sets the CRM's read state of a message and marks it requested for the mailboxes (see
    /// ``updateState(connectionID:providerMessageID:isRead:isTrashed:)``); true when the state changed.
    public func setRead(_ id: UUID, isRead: Bool) async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            WITH old AS (
                SELECT id, is_read FROM messages WHERE sub_account_id = \(subAccountID) AND id = \(id) FOR UPDATE
            )
            UPDATE messages m SET is_read = \(isRead), read_requested_at = now(), updated_at = now()
            FROM old WHERE m.sub_account_id = \(subAccountID) AND m.id = old.id
            RETURNING old.is_read IS DISTINCT FROM \(isRead)
            """
        ).decodeColumn(Bool.self).first ?? false
    }

    /// The message's read state and when the CRM asked for it (microseconds since 1970, nil when
    /// no request is open), share-locked until the transaction ends: a change another transaction
    /// is making is waited for and then read, so a job never applies a state about to be replaced.
    public func lockedReadState(_ id: UUID) async throws -> (isRead: Bool, requestedAtMicros: Int64?)? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT is_read, (extract(epoch FROM read_requested_at) * 1000000)::bigint FROM messages
            WHERE sub_account_id = \(subAccountID) AND id = \(id) FOR SHARE
            """
        ).decode((Bool, Int64?).self).first.map { (isRead: $0.0, requestedAtMicros: $0.1) }
    }

    /// Closes the CRM's read request once the mailboxes have its state; a newer request (asked
    /// after `requestedAtMicros`) stays open.
    public func closeReadRequest(_ id: UUID, requestedAtMicros: Int64) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            UPDATE messages SET read_requested_at = NULL
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
              AND (extract(epoch FROM read_requested_at) * 1000000)::bigint <= \(requestedAtMicros)
            """)
    }

    /// The connected connections that have a copy of the message (a message map).
    public func connectedCopies(of id: UUID) async throws -> [UUID] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT DISTINCT p.connection_id FROM provider_message_maps p
            JOIN connections c ON c.sub_account_id = p.sub_account_id AND c.id = p.connection_id
            WHERE p.sub_account_id = \(subAccountID) AND p.message_id = \(id) AND c.status = 'connected'
            ORDER BY p.connection_id
            """
        ).decodeColumn(UUID.self)
    }

    /// A connection's copies of a message: provider message ids with their provider thread ids.
    public func copies(of id: UUID, connectionID: UUID) async throws -> [(messageID: String, threadID: String?)] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT provider_message_id, provider_thread_id FROM provider_message_maps
            WHERE sub_account_id = \(subAccountID) AND message_id = \(id) AND connection_id = \(connectionID)
            ORDER BY provider_message_id
            """
        ).decode((String, String?).self).map { (messageID: $0.0, threadID: $0.1) }
    }

    /// Messages by id or thread, in thread order, with their attachments' metadata.
    private func select(id: UUID?, threadID: UUID?, after: UUID?, limit: Int) async throws -> [StoredMessage] {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            """
            SELECT id, thread_id, direction, source, sync_reason, message_id, sender_connection_id, from_address,
                from_name, to_addresses, cc_addresses, bcc_addresses, subject, text_body, html_body, is_read,
                is_trashed, bounced_at, sent_at, created_at
            FROM messages m
            WHERE m.sub_account_id = \(subAccountID)
              AND (\(id)::uuid IS NULL OR m.id = \(id))
              AND (\(threadID)::uuid IS NULL OR m.thread_id = \(threadID))
              AND (\(after)::uuid IS NULL OR (coalesce(m.sent_at, m.created_at), m.id) > (
                  SELECT coalesce(c.sent_at, c.created_at), c.id FROM messages c
                  WHERE c.sub_account_id = \(subAccountID) AND c.id = \(after)))
            ORDER BY coalesce(m.sent_at, m.created_at), m.id LIMIT \(limit)
            """)
        return try await withAttachments(rows)
    }

    /// Decodes message rows and reads their attachments' metadata in one more query.
    private func withAttachments(_ rows: PostgresRows) async throws -> [StoredMessage] {
        var messages = try rows.map(Self.message)
        guard !messages.isEmpty else { return [] }
        let subAccountID = try transaction.requireSubAccount()
        let ids = PostgresTextArray(messages.map(\.id.uuidString))
        let attachments = try await transaction.connection.query(
            """
            SELECT message_id, part_id, filename, mime_type, size, not_synced_reason FROM message_attachments
            WHERE sub_account_id = \(subAccountID) AND message_id = ANY(\(ids)::uuid[])
            ORDER BY message_id, part_id
            """)
        var byMessage = [UUID: [StoredAttachment]]()
        for row in attachments {
            byMessage[try row.decode(UUID.self, column: "message_id"), default: []].append(try Self.attachment(row))
        }
        for index in messages.indices { messages[index].attachments = byMessage[messages[index].id] ?? [] }
        return messages
    }

    private static func message(_ row: PostgresRow) throws -> StoredMessage {
        let fromAddress = try row.decode(String?.self, column: "from_address")
        let fromName = try row.decode(String?.self, column: "from_name")
        return StoredMessage(
            id: try row.decode(UUID.self, column: "id"),
            threadID: try row.decode(UUID.self, column: "thread_id"),
            direction: try row.decode(String.self, column: "direction"),
            source: try row.decode(String.self, column: "source"),
            syncReason: try row.decode(String.self, column: "sync_reason"),
            messageID: try row.decode(String.self, column: "message_id"),
            senderConnectionID: try row.decode(UUID?.self, column: "sender_connection_id"),
            from: fromAddress.map { MailAddressText(address: $0, name: fromName) },
            to: try row.decodeStrings(column: "to_addresses"),
            cc: try row.decodeStrings(column: "cc_addresses"),
            bcc: try row.decodeStrings(column: "bcc_addresses"),
            subject: try row.decode(String?.self, column: "subject"),
            textBody: try row.decode(String?.self, column: "text_body"),
            htmlBody: try row.decode(String?.self, column: "html_body"),
            isRead: try row.decode(Bool.self, column: "is_read"),
            isTrashed: try row.decode(Bool.self, column: "is_trashed"),
            bouncedAt: try row.decode(Date?.self, column: "bounced_at"),
            sentAt: try row.decode(Date?.self, column: "sent_at"),
            createdAt: try row.decode(Date.self, column: "created_at"),
            attachments: [])
    }

    private static func attachment(_ row: PostgresRow) throws -> StoredAttachment {
        StoredAttachment(
            partID: try row.decode(String.self, column: "part_id"),
            filename: try row.decode(String?.self, column: "filename"),
            mimeType: try row.decode(String.self, column: "mime_type"),
            size: try row.decode(Int.self, column: "size"),
            notSyncedReason: try row.decode(String?.self, column: "not_synced_reason"))
    }
}
