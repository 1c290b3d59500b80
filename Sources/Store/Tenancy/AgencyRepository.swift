import Foundation
import Postgres
import SyncCore

/// The scope's agency row.
public struct AgencyRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private var agencyID: UUID { transaction.scope.agencyID }

    /// Creates the agency the scope names (its id is the scope's agency id).
    public func create(name: String) async throws -> Agency {
        do {
            let row = try await transaction.connection.query(
                "INSERT INTO agencies (id, name) VALUES (\(agencyID), \(name)) RETURNING id, name, created_at"
            ).single()
            return try Self.agency(row)
        } catch let error as PostgresError {
            throw error.asStoreError
        }
    }

    /// The scope's agency.
    public func get() async throws -> Agency {
        let rows = try await transaction.connection.query(
            "SELECT id, name, created_at FROM agencies WHERE id = \(agencyID)")
        guard let row = rows.first else { throw StoreError(.notFound, object: "agencies") }
        return try Self.agency(row)
    }

    /// Renames the scope's agency.
    public func rename(to name: String) async throws {
        try await transaction.connection.changeOne("UPDATE agencies SET name = \(name) WHERE id = \(agencyID)", of: "agencies")
    }

    private static func agency(_ row: PostgresRow) throws -> Agency {
        let (id, name, createdAt) = try row.decode((UUID, String, Date).self)
        return Agency(id: id, name: name, createdAt: createdAt)
    }
}
