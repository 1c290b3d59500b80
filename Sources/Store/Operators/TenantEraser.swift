import Foundation
import Postgres

/// `mailsync admin erase-sub-account`: deletes every row of one sub-account in one transaction
/// (offboarding, data-erasure requests) and reports what it deleted.
///
/// The tables come from the catalog: every table of schema `public` with a `sub_account_id`
/// column, children before parents, then the sub-account itself, then the mailboxes (and their
/// cursors) that no other connection uses any more. A table added later is erased without a code
/// change. Agency-wide rows (the agency, its users, its API keys) stay.
///
/// Runs as a role that sees every tenant (`mailsync_admin`).
public struct TenantEraser: Sendable {
    /// Rows deleted from one table.
    public struct TableCount: Sendable, Hashable {
        /// The table.
        public var table: String
        /// Rows deleted.
        public var rows: Int
    }

    /// The admin pool.
    public let client: PostgresClient

    /// Creates an eraser over an admin pool.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Erases the sub-account; ``StoreError/Code/notFound`` when there is none. Returns the rows
    /// deleted per table, in deletion order (tables with none included).
    public func erase(subAccountID: UUID) async throws -> [TableCount] {
        try await client.withTransaction { db in
            // Locking the sub-account makes concurrent inserts of its rows wait for us (foreign
            // keys take a share lock on it), then fail.
            guard
                try await !db.query("SELECT 1 FROM sub_accounts WHERE id = \(subAccountID) FOR UPDATE").isEmpty
            else { throw StoreError(.notFound, object: "sub_accounts") }
            let mailboxIDs = try await db.query(
                "SELECT DISTINCT mailbox_id::text FROM connections WHERE sub_account_id = \(subAccountID)"
            ).decodeColumn(String.self)
            var counts: [TableCount] = []
            for table in try await Self.tenantTables(db) {
                let delete = PostgresQuery(
                    unsafeSQL: "DELETE FROM \(SQLIdentifier.quote(table)) WHERE sub_account_id = $1",
                    binds: [subAccountID.postgresBind])
                counts.append(TableCount(table: table, rows: try await db.query(delete).affectedRows))
            }
            let subAccounts = try await db.query("DELETE FROM sub_accounts WHERE id = \(subAccountID)")
            counts.append(TableCount(table: "sub_accounts", rows: subAccounts.affectedRows))
            let orphans = try await db.query(
                """
                SELECT m.id::text FROM mailboxes m
                WHERE m.id = ANY(\(PostgresTextArray(mailboxIDs))::uuid[])
                    AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.mailbox_id = m.id)
                """
            ).decodeColumn(String.self)
            let orphanArray = PostgresTextArray(orphans)
            let cursors = try await db.query("DELETE FROM mailbox_cursors WHERE mailbox_id = ANY(\(orphanArray)::uuid[])")
            counts.append(TableCount(table: "mailbox_cursors", rows: cursors.affectedRows))
            let mailboxes = try await db.query("DELETE FROM mailboxes WHERE id = ANY(\(orphanArray)::uuid[])")
            counts.append(TableCount(table: "mailboxes", rows: mailboxes.affectedRows))
            return counts
        }
    }

    /// Tables of schema `public` with a `sub_account_id` column, each before every table it
    /// references (so deleting in this order never breaks a foreign key).
    static func tenantTables(_ db: PostgresConnection) async throws -> [String] {
        let tables = try await db.query(
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'sub_account_id' AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname
            """
        ).decodeColumn(String.self)
        let edges = try await db.query(
            """
            SELECT DISTINCT child.relname, parent.relname FROM pg_constraint f
            JOIN pg_class child ON child.oid = f.conrelid
            JOIN pg_class parent ON parent.oid = f.confrelid
            JOIN pg_namespace n ON n.oid = child.relnamespace
            WHERE f.contype = 'f' AND n.nspname = 'public' AND f.conrelid <> f.confrelid
            """
        ).decode((String, String).self)
        return Self.childrenFirst(tables, references: edges)
    }

    /// Orders `tables` so that a table referencing another comes before it (stable otherwise).
    static func childrenFirst(_ tables: [String], references: [(String, String)]) -> [String] {
        let members = Set(tables)
        var referencedBy: [String: Set<String>] = [:]
        for (child, parent) in references where members.contains(child) && members.contains(parent) {
            referencedBy[parent, default: []].insert(child)
        }
        var ordered: [String] = []
        var placed: Set<String> = []
        func place(_ table: String, visiting: Set<String>) {
            guard !placed.contains(table), !visiting.contains(table) else { return }
            for child in (referencedBy[table] ?? []).sorted() {
                place(child, visiting: visiting.union([table]))
            }
            placed.insert(table)
            ordered.append(table)
        }
        for table in tables { place(table, visiting: []) }
        return ordered
    }
}
