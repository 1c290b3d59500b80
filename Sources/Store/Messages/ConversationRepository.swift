import Foundation
import Postgres
import SyncCore

/// The sub-account's conversations (one per contact) and which threads they show.
public struct ConversationRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// The contact's conversation, created on first use. One created by another transaction while
    /// this insert waited is read by a second statement (the first one's snapshot predates it).
    public func conversation(contactID: UUID) async throws -> UUID {
        let subAccountID = try transaction.requireSubAccount()
        let inserted = try await transaction.connection.query(
            """
            INSERT INTO conversations (sub_account_id, contact_id) VALUES (\(subAccountID), \(contactID))
            ON CONFLICT (sub_account_id, contact_id) DO NOTHING RETURNING id
            """
        ).decodeColumn(UUID.self)
        if let id = inserted.first { return id }
        return try await transaction.connection.query(
            "SELECT id FROM conversations WHERE sub_account_id = \(subAccountID) AND contact_id = \(contactID)"
        ).single().decode(UUID.self, at: 0)
    }

    /// Shows the thread in the conversation (nothing changes when it already does).
    public func link(threadID: UUID, to conversationID: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO thread_conversations (sub_account_id, thread_id, conversation_id)
            VALUES (\(subAccountID), \(threadID), \(conversationID)) ON CONFLICT DO NOTHING
            """)
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
