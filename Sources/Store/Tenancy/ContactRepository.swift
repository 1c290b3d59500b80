import Foundation
import Postgres
import SyncCore

/// The scope's sub-account's contacts.
public struct ContactRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Creates a contact; ``StoreError/Code/alreadyExists`` when the sub-account has one with that
    /// email (case-insensitive).
    public func create(email: String, name: String?, source: Contact.Source) async throws -> Contact {
        let subAccountID = try transaction.requireSubAccount()
        do {
            let row = try await transaction.connection.query(
                """
                INSERT INTO contacts (sub_account_id, email, name, source) VALUES (\(subAccountID), \(email), \(name), \(source.rawValue))
                RETURNING sub_account_id, id, email, name, source, created_at
                """
            ).single()
            return try Self.contact(row)
        } catch let error as PostgresError {
            throw error.asStoreError
        }
    }

    /// A contact by id.
    public func get(_ id: UUID) async throws -> Contact? {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT sub_account_id, id, email, name, source, created_at FROM contacts
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """
        ).first.map(Self.contact)
    }

    /// The contact with this email, case-insensitive.
    public func find(email: String) async throws -> Contact? {
        try await find(emails: [email]).first
    }

    /// The contacts whose emails are among `emails` (case-insensitive), in one query.
    public func find(emails: [String]) async throws -> [Contact] {
        let subAccountID = try transaction.requireSubAccount()
        let lowered = PostgresTextArray(emails.map { $0.lowercased() })
        return try await transaction.connection.query(
            """
            SELECT sub_account_id, id, email, name, source, created_at FROM contacts
            WHERE sub_account_id = \(subAccountID) AND lower(email) = ANY(\(lowered))
            ORDER BY lower(email)
            """
        ).map(Self.contact)
    }

    /// A page of contacts ordered by id: those after `after`, at most `limit`.
    public func list(after: UUID? = nil, limit: Int = 100) async throws -> [Contact] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            """
            SELECT sub_account_id, id, email, name, source, created_at FROM contacts
            WHERE sub_account_id = \(subAccountID) AND (\(after)::uuid IS NULL OR id > \(after))
            ORDER BY id LIMIT \(limit)
            """
        ).map(Self.contact)
    }

    /// Renames a contact.
    public func rename(_ id: UUID, to name: String?) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            "UPDATE contacts SET name = \(name) WHERE sub_account_id = \(subAccountID) AND id = \(id)", of: "contacts")
    }

    /// Deletes a contact; false when there was none.
    public func delete(_ id: UUID) async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "DELETE FROM contacts WHERE sub_account_id = \(subAccountID) AND id = \(id)"
        ).affectedRows == 1
    }

    private static func contact(_ row: PostgresRow) throws -> Contact {
        Contact(
            subAccountID: try row.decode(UUID.self, column: "sub_account_id"),
            id: try row.decode(UUID.self, column: "id"),
            email: try row.decode(String.self, column: "email"),
            name: try row.decode(String?.self, column: "name"),
            source: try row.decode(Contact.Source.self, column: "source"),
            createdAt: try row.decode(Date.self, column: "created_at"))
    }
}
