import Foundation
import Postgres
import SyncCore

extension ContactRepository {
    /// Marks a contact unsubscribed from bulk mail (List-Unsubscribe); false when there is no such
    /// contact. Unsubscribing twice keeps the first time.
    public func unsubscribeFromBulk(_ id: UUID) async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            UPDATE contacts SET bulk_unsubscribed_at = coalesce(bulk_unsubscribed_at, now())
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """
        ).affectedRows == 1
    }

    /// Which of `ids` unsubscribed from bulk mail, in one query.
    public func unsubscribedFromBulk(among ids: [UUID]) async throws -> Set<UUID> {
        let subAccountID = try transaction.requireSubAccount()
        let list = PostgresTextArray(ids.map(\.uuidString))
        return Set(
            try await transaction.connection.query(
                """
                SELECT id FROM contacts
                WHERE sub_account_id = \(subAccountID) AND id = ANY(\(list)::uuid[])
                  AND bulk_unsubscribed_at IS NOT NULL
                """
            ).decodeColumn(UUID.self))
    }
}
