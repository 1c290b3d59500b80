import Foundation
import Postgres

extension SyncDecisionRepository {
    /// A provider message a connection skipped.
    public struct Skipped: Sendable, Hashable {
        /// The connection that saw it.
        public var connectionID: UUID
        /// The provider's message id.
        public var providerMessageID: String
    }

    /// Messages skipped as `not_a_contact` since `since` that name `address` (rule 11: a new
    /// contact's recent mail is evaluated again), newest first.
    public func skippedAsNotAContact(naming address: String, since: Date) async throws -> [Skipped] {
        let subAccountID = try transaction.requireSubAccount()
        let lowered = PostgresTextArray([address.lowercased()])
        return try await transaction.connection.query(
            """
            SELECT connection_id, provider_message_id FROM sync_decisions
            WHERE sub_account_id = \(subAccountID) AND decision = 'skipped' AND reason = 'not_a_contact'
              AND decided_at >= \(since) AND addresses @> \(lowered)
            ORDER BY decided_at DESC
            """
        ).decode((UUID, String).self).map { Skipped(connectionID: $0.0, providerMessageID: $0.1) }
    }
}

extension SyncDecisionRepository {
    /// The decisions (`synced` or `skipped`) a connection holds for any of these provider messages.
    public func decisions(connectionID: UUID, among providerMessageIDs: [String]) async throws -> [String: String] {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            """
            SELECT provider_message_id, decision FROM sync_decisions
            WHERE sub_account_id = \(subAccountID) AND connection_id = \(connectionID)
              AND provider_message_id = ANY(\(PostgresTextArray(providerMessageIDs)))
            """
        ).decode((String, String).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
