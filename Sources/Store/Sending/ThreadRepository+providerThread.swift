import Foundation
import Postgres

extension ThreadRepository {
    /// The newest provider thread a connection maps to a CRM thread (where a reply goes at the provider).
    public func providerThread(connectionID: UUID, threadID: UUID) async throws -> String? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT provider_thread_id FROM provider_thread_maps
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID) AND thread_id = \(threadID)
            ORDER BY created_at DESC LIMIT 1
            """
        ).decodeColumn(String.self).first
    }
}
