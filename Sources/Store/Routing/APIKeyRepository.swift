import Foundation
import Postgres
import SyncCore

/// The scope's agency's API keys (hashes only).
public struct APIKeyRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private var agencyID: UUID { transaction.scope.agencyID }

    /// Creates a key; the returned token is the only time its text exists: show it once.
    public func create(name: String) async throws -> (key: APIKey, token: SecretText) {
        let token = APIKeyToken.generate()
        let row = try await transaction.connection.query(
            """
            INSERT INTO api_keys (agency_id, name, key_hash) VALUES (\(agencyID), \(name), \(APIKeyToken.hash(token.value)))
            RETURNING agency_id, id, name, created_at, last_used_at, revoked_at
            """
        ).single()
        return (try Self.apiKey(row), token)
    }

    /// The agency's keys, newest first.
    public func list() async throws -> [APIKey] {
        try await transaction.connection.query(
            """
            SELECT agency_id, id, name, created_at, last_used_at, revoked_at FROM api_keys
            WHERE agency_id = \(agencyID) ORDER BY created_at DESC, id
            """
        ).map(Self.apiKey)
    }

    /// Revokes a key; false when it was unknown or already revoked.
    public func revoke(_ id: UUID) async throws -> Bool {
        try await transaction.connection.query(
            "UPDATE api_keys SET revoked_at = now() WHERE agency_id = \(agencyID) AND id = \(id) AND revoked_at IS NULL"
        ).affectedRows == 1
    }

    /// Notes an authenticated request, writing at most once a minute per key.
    public func touch(_ id: UUID) async throws {
        try await transaction.connection.query(
            """
            UPDATE api_keys SET last_used_at = now()
            WHERE agency_id = \(agencyID) AND id = \(id) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            """)
    }

    private static func apiKey(_ row: PostgresRow) throws -> APIKey {
        let (agencyID, id, name, createdAt, lastUsedAt, revokedAt) = try row.decode(
            (UUID, UUID, String, Date, Date?, Date?).self)
        return APIKey(
            agencyID: agencyID, id: id, name: name, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}
