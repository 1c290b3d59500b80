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

        /// Creates a found thread.
        public init(id: UUID, origin: ThreadOrigin) {
            self.id = id
            self.origin = origin
        }
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

    /// The threads several provider threads of a connection map to, in one query; unmapped ones are absent.
    public func threads(connectionID: UUID, providerThreadIDs: [String]) async throws -> [String: Found] {
        let subAccountID = try transaction.requireSubAccount()
        return try await found(
            """
            SELECT m.provider_thread_id, t.id, t.origin FROM provider_thread_maps m
            JOIN threads t ON t.sub_account_id = m.sub_account_id AND t.id = m.thread_id
            WHERE m.sub_account_id = \(subAccountID) AND m.connection_id = \(connectionID)
              AND m.provider_thread_id = ANY(\(PostgresTextArray(providerThreadIDs)))
            """)
    }

    /// The thread of a stored message with this Message-ID (the oldest, if several).
    public func thread(messageID: String) async throws -> Found? {
        try await threads(messageIDs: [messageID])[messageID]
    }

    /// The threads of stored messages with these Message-IDs (for each, the oldest message's), in
    /// one query; ids no stored message has are absent.
    public func threads(messageIDs: [String]) async throws -> [String: Found] {
        let subAccountID = try transaction.requireSubAccount()
        return try await found(
            """
            SELECT DISTINCT ON (m.message_id) m.message_id, t.id, t.origin FROM messages m
            JOIN threads t ON t.sub_account_id = m.sub_account_id AND t.id = m.thread_id
            WHERE m.sub_account_id = \(subAccountID) AND m.message_id = ANY(\(PostgresTextArray(messageIDs)))
            ORDER BY m.message_id, m.created_at, m.id
            """)
    }

    /// Maps a connection's provider thread to a CRM thread; a provider thread already mapped keeps its thread.
    public func map(connectionID: UUID, providerThreadID: String, to threadID: UUID) async throws {
        try await map(connectionID: connectionID, [(providerThreadID: providerThreadID, threadID: threadID)])
    }

    /// Maps several provider threads of a connection in one statement; a provider thread already
    /// mapped (also earlier in `maps`) keeps its thread.
    public func map(connectionID: UUID, _ maps: [(providerThreadID: String, threadID: UUID)]) async throws {
        guard !maps.isEmpty else { return }
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO provider_thread_maps (sub_account_id, connection_id, provider_thread_id, thread_id)
            SELECT \(subAccountID), \(connectionID), u.provider_thread_id, u.thread_id::uuid
            FROM unnest(\(PostgresTextArray(maps.map(\.providerThreadID)))::text[],
                        \(PostgresTextArray(maps.map(\.threadID.uuidString)))::text[])
                 WITH ORDINALITY AS u(provider_thread_id, thread_id, ord)
            ORDER BY u.ord
            ON CONFLICT DO NOTHING
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

    /// Rows of (key, thread id, origin) as threads by key.
    private func found(_ query: PostgresQuery) async throws -> [String: Found] {
        var threads = [String: Found]()
        for (key, id, origin) in try await transaction.connection.query(query).decode((String, UUID, String).self) {
            if let origin = ThreadOrigin(rawValue: origin) { threads[key] = Found(id: id, origin: origin) }
        }
        return threads
    }
}
