import Foundation
import Postgres
import SyncCore

/// The agency's users (agency-wide rows) and their memberships in the scope's sub-account.
public struct UserRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private var agencyID: UUID { transaction.scope.agencyID }

    /// Creates a user of the scope's agency; ``StoreError/Code/alreadyExists`` when the email is taken.
    public func create(email: String, name: String?) async throws -> User {
        do {
            let row = try await transaction.connection.query(
                """
                INSERT INTO users (agency_id, email, name) VALUES (\(agencyID), \(email), \(name))
                RETURNING agency_id, id, email, name, created_at
                """
            ).single()
            return try Self.user(row)
        } catch let error as PostgresError {
            throw error.asStoreError
        }
    }

    /// A user of the agency by id.
    public func get(_ id: UUID) async throws -> User? {
        try await transaction.connection.query(
            "SELECT agency_id, id, email, name, created_at FROM users WHERE agency_id = \(agencyID) AND id = \(id)"
        ).first.map(Self.user)
    }

    /// A user of the agency by email, case-insensitive.
    public func find(email: String) async throws -> User? {
        try await transaction.connection.query(
            """
            SELECT agency_id, id, email, name, created_at FROM users
            WHERE agency_id = \(agencyID) AND lower(email) = lower(\(email))
            """
        ).first.map(Self.user)
    }

    /// Every user of the agency, by email.
    public func list() async throws -> [User] {
        try await transaction.connection.query(
            "SELECT agency_id, id, email, name, created_at FROM users WHERE agency_id = \(agencyID) ORDER BY lower(email), id"
        ).map(Self.user)
    }

    /// Makes the user a member of the scope's sub-account (nothing changes when already one).
    public func addMembership(userID: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO memberships (sub_account_id, user_id, agency_id) VALUES (\(subAccountID), \(userID), \(agencyID))
            ON CONFLICT (sub_account_id, user_id) DO NOTHING
            """)
    }

    /// Ends the user's membership in the scope's sub-account; false when there was none.
    public func removeMembership(userID: UUID) async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "DELETE FROM memberships WHERE sub_account_id = \(subAccountID) AND user_id = \(userID)"
        ).affectedRows == 1
    }

    /// The members of the scope's sub-account, by email (SPEC rule 6 reads their addresses).
    public func members() async throws -> [User] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT u.agency_id, u.id, u.email, u.name, u.created_at
            FROM memberships m JOIN users u ON u.agency_id = m.agency_id AND u.id = m.user_id
            WHERE m.sub_account_id = \(subAccountID)
            ORDER BY lower(u.email), u.id
            """
        ).map(Self.user)
    }

    private static func user(_ row: PostgresRow) throws -> User {
        let (agencyID, id, email, name, createdAt) = try row.decode((UUID, UUID, String, String?, Date).self)
        return User(agencyID: agencyID, id: id, email: email, name: name, createdAt: createdAt)
    }
}
