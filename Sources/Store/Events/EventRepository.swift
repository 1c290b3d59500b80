import Foundation
import Postgres
import SyncCore

/// The sub-account's outgoing events: appended in the same transaction as the change they
/// describe, so an event exists exactly when its change committed.
public struct EventRepository: Sendable {
    /// One stored event.
    public struct Event: Sendable, Hashable {
        /// Increasing per database; delivery order within a sub-account.
        public var id: Int64
        /// The event name, e.g. `connection.status_changed`.
        public var type: String
        /// The JSON body.
        public var payload: PostgresJSON
        /// When it was written.
        public var createdAt: Date
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Appends an event with a JSON-encoded payload, and its webhook deliveries (``WebhookFanOut``).
    @discardableResult
    public func append(_ type: String, payload: some Encodable) async throws -> Int64 {
        let subAccountID = try transaction.requireSubAccount()
        let webhooks = WebhookFanOut(transaction: transaction, subAccountID: subAccountID)
        let results = try await transaction.connection.pipeline([
            webhooks.lockIfSubscribed,
            """
            INSERT INTO events (sub_account_id, type, payload)
            VALUES (\(subAccountID), \(type), \(try PostgresJSON(encoding: payload))) RETURNING id
            """,
        ])
        let id = try results[1].single().decode(Int64.self, at: 0)
        if results[0].first != nil { try await webhooks.deliver(eventID: id, type: type) }
        return id
    }

    /// Undelivered events in order, at most `limit`.
    public func pending(limit: Int = 100) async throws -> [Event] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT id, type, payload, created_at FROM events
            WHERE sub_account_id = \(subAccountID) AND delivered_at IS NULL ORDER BY id LIMIT \(limit)
            """
        ).decode((Int64, String, PostgresJSON, Date).self).map { Event(id: $0.0, type: $0.1, payload: $0.2, createdAt: $0.3) }
    }
}
