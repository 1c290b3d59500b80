import Foundation
import Postgres
import SyncCore

/// Reading threads for the CRM: a contact's conversation, newest activity first.
extension ThreadRepository {
    /// A page of the threads of the contact's conversation, newest message first (then id): those
    /// after the thread `after`, at most `limit`. Empty when the contact has no conversation yet.
    public func summaries(contactID: UUID, after: UUID? = nil, limit: Int = 50) async throws -> [ThreadSummary] {
        try await summaries(contactID: contactID, threadID: nil, after: after, limit: limit)
    }

    /// One thread's summary; nil when there is no such thread or it holds no message.
    public func summary(_ id: UUID) async throws -> ThreadSummary? {
        try await summaries(contactID: nil, threadID: id, after: nil, limit: 1).first
    }

    private func summaries(contactID: UUID?, threadID: UUID?, after: UUID?, limit: Int) async throws
        -> [ThreadSummary]
    {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            WITH shown AS (
                SELECT t.id, t.origin, count(m.id) AS message_count,
                    max(coalesce(m.sent_at, m.created_at)) AS last_message_at
                FROM threads t
                JOIN messages m ON m.sub_account_id = t.sub_account_id AND m.thread_id = t.id
                WHERE t.sub_account_id = \(subAccountID)
                  AND (\(threadID)::uuid IS NULL OR t.id = \(threadID))
                  AND (\(contactID)::uuid IS NULL OR t.id IN (
                      SELECT tc.thread_id FROM conversations c
                      JOIN thread_conversations tc
                        ON tc.sub_account_id = c.sub_account_id AND tc.conversation_id = c.id
                      WHERE c.sub_account_id = \(subAccountID) AND c.contact_id = \(contactID)))
                GROUP BY t.id, t.origin
            )
            SELECT s.id, s.origin, s.message_count, s.last_message_at,
                (SELECT f.subject FROM messages f WHERE f.sub_account_id = \(subAccountID) AND f.thread_id = s.id
                 ORDER BY coalesce(f.sent_at, f.created_at), f.id LIMIT 1) AS subject,
                coalesce((
                    SELECT array_agg(DISTINCT lower(a) ORDER BY lower(a))
                    FROM messages p, unnest(ARRAY[p.from_address] || p.to_addresses || p.cc_addresses) AS a
                    WHERE p.sub_account_id = \(subAccountID) AND p.thread_id = s.id AND a IS NOT NULL
                ), '{}') AS participants
            FROM shown s
            WHERE \(after)::uuid IS NULL
               OR (s.last_message_at, s.id) < (SELECT c.last_message_at, c.id FROM shown c WHERE c.id = \(after))
            ORDER BY s.last_message_at DESC, s.id DESC LIMIT \(limit)
            """
        ).map { row in
            ThreadSummary(
                id: try row.decode(UUID.self, column: "id"),
                origin: try row.decode(String.self, column: "origin"),
                subject: try row.decode(String?.self, column: "subject"),
                participants: try row.decodeStrings(column: "participants"),
                messageCount: try row.decode(Int.self, column: "message_count"),
                lastMessageAt: try row.decode(Date.self, column: "last_message_at"))
        }
    }
}
