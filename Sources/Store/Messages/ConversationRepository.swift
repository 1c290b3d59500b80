import Foundation
import Postgres
import SyncCore

/// The sub-account's conversations (one per contact) and which threads they show.
public struct ConversationRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Shows the thread in the contact's conversation (nothing changes when it already does),
    /// creating the conversation on first use; returns the conversation. One statement, unless
    /// another transaction created the conversation while this one waited: the statement's
    /// snapshot predates it, so a second statement reads it and links.
    @discardableResult
    public func link(threadID: UUID, toConversationOf contactID: UUID) async throws -> UUID {
        let subAccountID = try transaction.requireSubAccount()
        let linked = try await transaction.connection.query(
            """
            WITH created AS (
                INSERT INTO conversations (sub_account_id, contact_id) VALUES (\(subAccountID), \(contactID))
                ON CONFLICT (sub_account_id, contact_id) DO NOTHING RETURNING id
            ), conversation AS (
                SELECT id FROM created
                UNION ALL
                SELECT id FROM conversations WHERE sub_account_id = \(subAccountID) AND contact_id = \(contactID)
            ), linked AS (
                INSERT INTO thread_conversations (sub_account_id, thread_id, conversation_id)
                SELECT \(subAccountID), \(threadID), id FROM conversation ON CONFLICT DO NOTHING
            )
            SELECT id FROM conversation
            """
        ).decodeColumn(UUID.self)
        if let id = linked.first { return id }
        let id = try await transaction.connection.query(
            "SELECT id FROM conversations WHERE sub_account_id = \(subAccountID) AND contact_id = \(contactID)"
        ).single().decode(UUID.self, at: 0)
        try await transaction.connection.query(
            """
            INSERT INTO thread_conversations (sub_account_id, thread_id, conversation_id)
            VALUES (\(subAccountID), \(threadID), \(id)) ON CONFLICT DO NOTHING
            """)
        return id
    }

    /// The conversations that show a thread, in creation order.
    public func conversations(threadID: UUID) async throws -> [UUID] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT c.id FROM thread_conversations tc
            JOIN conversations c ON c.sub_account_id = tc.sub_account_id AND c.id = tc.conversation_id
            WHERE tc.sub_account_id = \(subAccountID) AND tc.thread_id = \(threadID)
            ORDER BY c.created_at, c.id
            """
        ).decodeColumn(UUID.self)
    }
}
