import Foundation
import Postgres

extension MessageRepository {
    /// Marks the CRM-sent messages (source `crm`) with this Message-ID (without angle brackets)
    /// bounced, unless they already are; returns the messages it marked.
    public func markBounced(messageID: String) async throws -> [UUID] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            UPDATE messages SET bounced_at = now(), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND message_id = \(messageID) AND source = 'crm'
              AND bounced_at IS NULL
            RETURNING id
            """
        ).decodeColumn(UUID.self)
    }
}
