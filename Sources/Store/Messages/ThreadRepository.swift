import Foundation
import Postgres
import SyncCore

/// The sub-account's CRM threads and the provider threads each connection maps to them.
public struct ThreadRepository: Sendable {
    /// A thread found for a message, with how the CRM came to know it.
    public struct Found: Sendable, Hashable {
        /// The CRM thread.
        public var id: UUID
        /// Whether a CRM send or a mailbox sync started it.
        public var origin: ThreadOrigin
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Creates a thread.
    public func create(origin: ThreadOrigin) async throws -> UUID {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "INSERT INTO threads (sub_account_id, origin) VALUES (\(subAccountID), \(origin.rawValue)) RETURNING id"
        ).single().decode(UUID.self, at: 0)
    }

    /// The thread a connection's provider thread maps to.
    public func thread(connectionID: UUID, providerThreadID: String) async throws -> Found? {
        let subAccountID = try transaction.requireSubAccount()
        return try await found(
            """
            SELECT t.id, t.origin FROM provider_thread_maps m
            JOIN threads t ON t.sub_account_id = m.sub_account_id AND t.id = m.thread_id
            WHERE m.sub_account_id = \(subAccountID) AND m.connection_id = \(connectionID)
              AND m.provider_thread_id = \(providerThreadID)
            """)
    }

    /// The thread of a stored message with this Message-ID (the oldest, if several).
    public func thread(messageID: String) async throws -> Found? {
        let subAccountID = try transaction.requireSubAccount()
        return try await found(
            """
            SELECT t.id, t.origin FROM messages m
            JOIN threads t ON t.sub_account_id = m.sub_account_id AND t.id = m.thread_id
            WHERE m.sub_account_id = \(subAccountID) AND m.message_id = \(messageID)
            ORDER BY m.created_at, m.id LIMIT 1
            """)
    }

    /// Maps a connection's provider thread to a CRM thread; a provider thread already mapped keeps its thread.
    public func map(connectionID: UUID, providerThreadID: String, to threadID: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO provider_thread_maps (sub_account_id, connection_id, provider_thread_id, thread_id)
            VALUES (\(subAccountID), \(connectionID), \(providerThreadID), \(threadID)) ON CONFLICT DO NOTHING
            """)
    }

    /// Deletes a thread no message, map or conversation uses (one created for a message another
    /// transaction stored first); a used thread stays.
    public func deleteUnused(_ id: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            DELETE FROM threads t WHERE t.sub_account_id = \(subAccountID) AND t.id = \(id)
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.sub_account_id = t.sub_account_id AND m.thread_id = t.id)
              AND NOT EXISTS (
                  SELECT 1 FROM provider_thread_maps p WHERE p.sub_account_id = t.sub_account_id AND p.thread_id = t.id)
              AND NOT EXISTS (
                  SELECT 1 FROM thread_conversations c WHERE c.sub_account_id = t.sub_account_id AND c.thread_id = t.id)
            """)
    }

    private func found(_ query: PostgresQuery) async throws -> Found? {
        try await transaction.connection.query(query).decode((UUID, String).self).first.flatMap { id, origin in
            ThreadOrigin(rawValue: origin).map { Found(id: id, origin: $0) }
        }
    }
}
