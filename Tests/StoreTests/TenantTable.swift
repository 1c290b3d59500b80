import Foundation
import Postgres
import TestSupport
import Testing

/// A table of schema `public` with row-level security, read from the catalog, and the column its
/// policy scopes it by.
struct TenantTable: Sendable, CustomStringConvertible {
    enum Level: Sendable { case agency, subAccount }

    var name: String
    /// The tenant column: `sub_account_id` or `agency_id`; `id` for the two tables scoped by
    /// their own id (agencies, sub_accounts).
    var column: String
    var level: Level

    var description: String { name }

    /// Tables that ARCHITECTURE.md exempts from tenant row-level security (no tenant rows).
    static let exempt: Set<String> = ["schema_migrations", "mailboxes", "mailbox_cursors", "secret_keys", "jobs"]

    /// Every table of schema `public` (relkind r/p), with its RLS flags.
    static func catalog(_ db: PostgresClient) async throws -> [(name: String, enabled: Bool, forced: Bool)] {
        try await db.query(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
            """
        ).decode((String, Bool, Bool).self).map { (name: $0.0, enabled: $0.1, forced: $0.2) }
    }

    /// Every table that is not exempt, with its tenant column; fails the test for a table with no
    /// tenant column.
    static func all(_ db: PostgresClient) async throws -> [TenantTable] {
        let columns = try await db.query(
            """
            SELECT c.relname, a.attname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            """
        ).decode((String, String).self)
        var byTable: [String: Set<String>] = [:]
        for (table, column) in columns { byTable[table, default: []].insert(column) }
        return try await catalog(db).map(\.name).filter { !exempt.contains($0) }.map { name in
            switch name {
            case "agencies": return TenantTable(name: name, column: "id", level: .agency)
            case "sub_accounts": return TenantTable(name: name, column: "id", level: .subAccount)
            default:
                let columns = byTable[name] ?? []
                if columns.contains("sub_account_id") { return TenantTable(name: name, column: "sub_account_id", level: .subAccount) }
                try #require(columns.contains("agency_id"), "\(name) has neither sub_account_id nor agency_id")
                return TenantTable(name: name, column: "agency_id", level: .agency)
            }
        }
    }

    var quotedName: String { "\"\(name)\"" }
    var quotedColumn: String { "\"\(column)\"" }

    /// Rows of this table whose tenant column is `tenant`.
    func count(_ tenant: UUID, on db: PostgresConnection) async throws -> Int {
        try await db.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(quotedName) WHERE \(quotedColumn) = $1", binds: [tenant.postgresBind])
        ).single().decode(Int.self, at: 0)
    }
}

/// Runs `body` and expects it to fail with `sqlState`.
func expectSQLState(
    _ sqlState: String, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected SQLSTATE \(sqlState): \(comment)", sourceLocation: sourceLocation)
    } catch let error as PostgresError {
        #expect(error.sqlState == sqlState, "\(comment): \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected SQLSTATE \(sqlState), got \(error): \(comment)", sourceLocation: sourceLocation)
    }
}


extension TestDatabase {
    /// Runs `body` with a pool of `role` on this database, closed afterwards.
    @discardableResult
    func withClient<T: Sendable>(role: String, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = client(role: role)
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
