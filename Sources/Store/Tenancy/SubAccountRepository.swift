import Foundation
import Postgres
import SyncCore

/// Sub-accounts of the scope's agency, and the settings of the scope's sub-account.
///
/// In an agency-level scope it sees all of the agency's sub-accounts; in a sub-account scope only
/// that one (the `sub_accounts` policy).
public struct SubAccountRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    private static let columns = """
        id, agency_id, name, bcc_address, attachment_max_bytes, attachment_extensions, attachment_mime_types, \
        backfill_days, labs_outlook_two_way_sync, created_at
        """

    /// Creates a sub-account of the scope's agency with default settings and a new random BCC
    /// address at `bccDomain` (a new one is drawn in the unlikely case it is taken). Its id is the
    /// scope's sub-account id when the scope names one, else a new one.
    public func create(name: String, bccDomain: String = BCCAddress.defaultDomain) async throws -> SubAccount {
        let agencyID = transaction.scope.agencyID
        let id = transaction.scope.subAccountID ?? UUID()
        for _ in 0..<5 {
            let address = BCCAddress.random(domain: bccDomain)
            let rows = try await transaction.connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO sub_accounts (id, agency_id, name, bcc_address) VALUES ($1, $2, $3, $4)
                        ON CONFLICT ((lower(bcc_address))) DO NOTHING RETURNING \(Self.columns)
                        """,
                    binds: [id.postgresBind, agencyID.postgresBind, name.postgresBind, address.postgresBind]))
            if let row = rows.first { return try Self.subAccount(row) }
        }
        throw StoreError(.alreadyExists, object: "sub_accounts_bcc_address_key")
    }

    /// A sub-account by id, if the scope sees it.
    public func get(_ id: UUID) async throws -> SubAccount? {
        try await transaction.connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM sub_accounts WHERE agency_id = $1 AND id = $2",
                binds: [transaction.scope.agencyID.postgresBind, id.postgresBind])
        ).first.map(Self.subAccount)
    }

    /// The scope's own sub-account.
    public func current() async throws -> SubAccount {
        guard let subAccount = try await get(try transaction.requireSubAccount()) else {
            throw StoreError(.notFound, object: "sub_accounts")
        }
        return subAccount
    }

    /// The sub-accounts the scope sees, by name.
    public func list() async throws -> [SubAccount] {
        try await transaction.connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM sub_accounts WHERE agency_id = $1 ORDER BY name, id",
                binds: [transaction.scope.agencyID.postgresBind])
        ).map(Self.subAccount)
    }

    /// Renames the scope's sub-account.
    public func rename(to name: String) async throws {
        let id = try transaction.requireSubAccount()
        try await update("UPDATE sub_accounts SET name = \(name) WHERE id = \(id)")
    }

    /// Replaces the scope's sub-account's attachment policy.
    public func setAttachmentPolicy(_ policy: AttachmentPolicy) async throws {
        let id = try transaction.requireSubAccount()
        let extensions = PostgresTextArray(policy.extensions.map { $0.lowercased() })
        let mimeTypes = PostgresTextArray(policy.mimeTypes.map { $0.lowercased() })
        try await update(
            """
            UPDATE sub_accounts SET attachment_max_bytes = \(policy.maxBytes), attachment_extensions = \(extensions),
                attachment_mime_types = \(mimeTypes)
            WHERE id = \(id)
            """)
    }

    /// Sets how many days of existing mail new connections import (nil: none).
    public func setBackfillDays(_ days: Int?) async throws {
        let id = try transaction.requireSubAccount()
        try await update("UPDATE sub_accounts SET backfill_days = \(days) WHERE id = \(id)")
    }

    /// Replaces the scope's sub-account's Labs flags.
    public func setLabs(_ labs: LabsFlags) async throws {
        let id = try transaction.requireSubAccount()
        try await update("UPDATE sub_accounts SET labs_outlook_two_way_sync = \(labs.outlookTwoWaySync) WHERE id = \(id)")
    }

    private func update(_ query: PostgresQuery) async throws {
        try await transaction.connection.changeOne(query, of: "sub_accounts")
    }

    private static func subAccount(_ row: PostgresRow) throws -> SubAccount {
        SubAccount(
            id: try row.decode(UUID.self, column: "id"),
            agencyID: try row.decode(UUID.self, column: "agency_id"),
            name: try row.decode(String.self, column: "name"),
            bccAddress: try row.decode(String.self, column: "bcc_address"),
            attachmentPolicy: AttachmentPolicy(
                maxBytes: try row.decode(Int.self, column: "attachment_max_bytes"),
                extensions: try row.decodeStrings(column: "attachment_extensions"),
                mimeTypes: try row.decodeStrings(column: "attachment_mime_types")),
            backfillDays: try row.decode(Int?.self, column: "backfill_days"),
            labs: LabsFlags(outlookTwoWaySync: try row.decode(Bool.self, column: "labs_outlook_two_way_sync")),
            createdAt: try row.decode(Date.self, column: "created_at"))
    }
}
