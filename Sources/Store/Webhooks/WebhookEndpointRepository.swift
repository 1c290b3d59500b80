import Foundation
import JobQueue
import Postgres
import SyncCore

/// The scope's agency's webhook endpoints, with their signing secrets sealed at rest.
///
/// ```swift
/// let (endpoint, secret) = try await store.withTenant(.agency(agencyID)) { tx in
///     try await tx.webhookEndpoints.create(url: "https://crm.example.com/hooks", eventTypes: nil)
/// }
/// // `secret` (whsec_...) is shown to the caller once; afterwards only its ciphertext exists.
/// ```
public struct WebhookEndpointRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private var agencyID: UUID { transaction.scope.agencyID }

    /// Creates an endpoint with a new secret; the returned secret is the only time its text leaves the store.
    public func create(url: String, isEnabled: Bool = true, eventTypes: [String]?) async throws
        -> (endpoint: WebhookEndpoint, secret: SecretText)
    {
        let id = UUID()
        let secret = WebhookSecret.generate()
        let row = try await transaction.connection.query(
            """
            INSERT INTO webhook_endpoints (agency_id, id, url, enabled, event_types, secret_ciphertext)
            VALUES (\(agencyID), \(id), \(url), \(isEnabled), \(eventTypes.map { PostgresTextArray($0) }),
                    \(try seal(secret, id: id)))
            RETURNING agency_id, id, url, enabled, event_types, created_at, updated_at
            """
        ).single()
        return (try Self.endpoint(row), secret)
    }

    /// The agency's endpoints, oldest first.
    public func list() async throws -> [WebhookEndpoint] {
        try await transaction.connection.query(
            "SELECT agency_id, id, url, enabled, event_types, created_at, updated_at FROM webhook_endpoints WHERE agency_id = \(agencyID) ORDER BY created_at, id"
        ).map(Self.endpoint)
    }

    /// One endpoint, or nil when the agency has none with that id.
    public func get(_ id: UUID) async throws -> WebhookEndpoint? {
        try await transaction.connection.query(
            "SELECT agency_id, id, url, enabled, event_types, created_at, updated_at FROM webhook_endpoints WHERE agency_id = \(agencyID) AND id = \(id)"
        ).first.map(Self.endpoint)
    }

    /// Applies a change; nil when there is no such endpoint. Enabling an endpoint wakes its lanes
    /// that have pending deliveries.
    public func update(_ id: UUID, _ change: WebhookEndpointChange) async throws -> WebhookEndpoint? {
        let setsTypes = change.eventTypes != nil
        let types = (change.eventTypes ?? nil).map { PostgresTextArray($0) }
        guard
            let row = try await transaction.connection.query(
                """
                UPDATE webhook_endpoints SET url = coalesce(\(change.url), url),
                       enabled = coalesce(\(change.isEnabled), enabled),
                       event_types = CASE WHEN \(setsTypes) THEN \(types)::text[] ELSE event_types END,
                       updated_at = now()
                WHERE agency_id = \(agencyID) AND id = \(id)
                RETURNING agency_id, id, url, enabled, event_types, created_at, updated_at
                """
            ).first
        else { return nil }
        let endpoint = try Self.endpoint(row)
        if change.isEnabled == true { try await wakePendingLanes(of: endpoint.id) }
        return endpoint
    }

    /// Deletes an endpoint and its deliveries; false when there was none.
    public func delete(_ id: UUID) async throws -> Bool {
        try await transaction.connection.query(
            "DELETE FROM webhook_endpoints WHERE agency_id = \(agencyID) AND id = \(id)"
        ).affectedRows == 1
    }

    /// Replaces the endpoint's secret with a new one, returned once; nil when there is no such endpoint.
    public func rotateSecret(_ id: UUID) async throws -> (endpoint: WebhookEndpoint, secret: SecretText)? {
        let secret = WebhookSecret.generate()
        guard
            let row = try await transaction.connection.query(
                """
                UPDATE webhook_endpoints SET secret_ciphertext = \(try seal(secret, id: id)), updated_at = now()
                WHERE agency_id = \(agencyID) AND id = \(id)
                RETURNING agency_id, id, url, enabled, event_types, created_at, updated_at
                """
            ).first
        else { return nil }
        return (try Self.endpoint(row), secret)
    }

    /// The endpoint with its secret, for signing a delivery; nil when there is no such endpoint.
    public func signingEndpoint(_ id: UUID) async throws -> (endpoint: WebhookEndpoint, secret: SecretText)? {
        guard
            let row = try await transaction.connection.query(
                "SELECT agency_id, id, url, enabled, event_types, created_at, updated_at, secret_ciphertext FROM webhook_endpoints WHERE agency_id = \(agencyID) AND id = \(id)"
            ).first
        else { return nil }
        let sealed = try row.decode([UInt8].self, column: "secret_ciphertext")
        return (try Self.endpoint(row), try transaction.keyring.open(sealed, for: context(id)))
    }

    /// Enqueues the delivery job of every lane of the endpoint that has pending deliveries.
    func wakePendingLanes(of endpointID: UUID) async throws {
        let subAccounts = try await transaction.connection.query(
            """
            SELECT DISTINCT sub_account_id FROM webhook_deliveries
            WHERE agency_id = \(agencyID) AND endpoint_id = \(endpointID) AND state = 'pending'
            """
        ).decodeColumn(UUID.self)
        try await JobQueue.enqueue(
            subAccounts.map { WebhookJobs.deliver(agencyID: agencyID, subAccountID: $0, endpointID: endpointID) },
            on: transaction.connection)
    }

    private func context(_ id: UUID) -> SecretContext {
        EncryptedColumn.webhookEndpointSecret.context(agencyID, id)
    }

    private func seal(_ secret: SecretText, id: UUID) throws -> [UInt8] {
        try transaction.keyring.seal(secret, for: context(id))
    }

    static func endpoint(_ row: PostgresRow) throws -> WebhookEndpoint {
        let (agencyID, id, url, enabled, types, createdAt, updatedAt) = try row.decode(
            (UUID, UUID, String, Bool, PostgresTextArray?, Date, Date).self)
        return WebhookEndpoint(
            agencyID: agencyID, id: id, url: url, isEnabled: enabled,
            eventTypes: types.map { $0.elements.compactMap { $0 } },
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
