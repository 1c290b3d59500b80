import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

/// Tenant isolation, checked as the runtime role against the real schema. Tables come from the
/// catalog, so a table added later is checked without changing these tests.
@Suite(.freshDatabase)
struct RowLevelSecurityTests {
    @Test func everyTableOfSchemaPublicHasForcedRowLevelSecurityUnlessExempt() async throws {
        let db = try TestDatabase.current
        let tables = try await TenantTable.catalog(db.owner)
        #expect(tables.count >= 10)
        for table in tables where !TenantTable.exempt.contains(table.name) {
            #expect(table.enabled, "\(table.name) has no row-level security")
            #expect(table.forced, "\(table.name) does not FORCE row-level security")
        }
    }

    @Test func everyPolicyFailsClosedThroughTheNullIfTemplate() async throws {
        let db = try TestDatabase.current
        let policies = try await db.owner.query(
            "SELECT tablename, qual, with_check FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename"
        ).decode((String, String?, String?).self)
        let tables = try await TenantTable.all(db.owner)
        for table in tables {
            let own = policies.filter { $0.0 == table.name }
            #expect(own.count == 1, "\(table) should have exactly one policy")
            for (_, using, check) in own {
                for clause in [using, check] {
                    let text = try #require(clause, "\(table) policy lacks USING or WITH CHECK")
                    #expect(text.contains("NULLIF(current_setting('mailsync."), "\(table): \(text)")
                    #expect(text.contains("true), ''::text)"), "\(table) reads the setting without missing_ok: \(text)")
                }
            }
        }
    }

    @Test func subAccountSessionReadsNoRowOfAnotherTenantInAnyTable() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let sibling = try await TenantFixture.make(store, agencyID: tenant.agencyID)
        let other = try await TenantFixture.make(store)
        let tables = try await TenantTable.all(db.owner)
        #expect(tables.count >= 9)
        try await db.withClient(role: "mailsync_admin") { admin in
            for table in tables {
                let otherRows = try await admin.withConnection { try await table.count(other.tenantValue(table.level), on: $0) }
                #expect(otherRows > 0, "TenantFixture makes no row in \(table): add one so isolation is tested")
            }
        }
        try await store.withTenant(tenant.scope) { tx in
            for table in tables {
                #expect(try await table.count(other.tenantValue(table.level), on: tx.connection) == 0, "\(table)")
                if table.level == .subAccount {
                    #expect(try await table.count(sibling.subAccountID, on: tx.connection) == 0, "\(table), same agency")
                }
                let visible = try await tx.connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.quotedName)"))
                    .single().decode(Int.self, at: 0)
                let own = try await table.count(tenant.tenantValue(table.level), on: tx.connection)
                #expect(own > 0, "\(table)")
                #expect(visible == own, "\(table) shows rows of another tenant")
            }
        }
    }

    @Test func subAccountSessionCannotInsertUpdateOrDeleteAnotherTenantsRows() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let other = try await TenantFixture.make(store)
        let tables = try await TenantTable.all(db.owner)
        try await db.withClient(role: "mailsync_admin") { admin in
            for table in tables {
                try await Self.expectUnchangeable(table, of: other, from: tenant, store: store, admin: admin)
            }
        }
    }

    /// As `tenant`, tries to update, delete, insert and take over `other`'s rows of `table`.
    private static func expectUnchangeable(
        _ table: TenantTable, of other: TenantFixture, from tenant: TenantFixture, store: Store, admin: PostgresClient
    ) async throws {
        let otherValue = other.tenantValue(table.level)
        let name = table.quotedName
        let column = table.quotedColumn
        let before = try await admin.withConnection { try await table.count(otherValue, on: $0) }
        let otherRow = try await admin.query(
            PostgresQuery(
                unsafeSQL: "SELECT row_to_json(t)::text FROM \(name) t WHERE \(column) = $1 LIMIT 1",
                binds: [otherValue.postgresBind])
        ).single().decode(String.self, at: 0)

        let update = PostgresQuery(
            unsafeSQL: "UPDATE \(name) SET \(column) = \(column) WHERE \(column) = $1", binds: [otherValue.postgresBind])
        let delete = PostgresQuery(unsafeSQL: "DELETE FROM \(name) WHERE \(column) = $1", binds: [otherValue.postgresBind])
        let insert = PostgresQuery(
            unsafeSQL: "INSERT INTO \(name) SELECT * FROM json_populate_record(NULL::\(name), $1::json)",
            binds: [otherRow.postgresBind])
        let takeOver = PostgresQuery(
            unsafeSQL: "UPDATE \(name) SET \(column) = $1 WHERE \(column) = $2",
            binds: [otherValue.postgresBind, tenant.tenantValue(table.level).postgresBind])

        let updated = try await store.withTenant(tenant.scope) { try await $0.connection.query(update).affectedRows }
        let deleted = try await store.withTenant(tenant.scope) { try await $0.connection.query(delete).affectedRows }
        #expect(updated == 0, "\(table)")
        #expect(deleted == 0, "\(table)")
        await expectSQLState("42501", "insert a copy of another tenant's \(table) row") {
            _ = try await store.withTenant(tenant.scope) { try await $0.connection.query(insert) }
        }
        await expectSQLState("42501", "move an own \(table) row into another tenant") {
            _ = try await store.withTenant(tenant.scope) { try await $0.connection.query(takeOver) }
        }
        let after = try await admin.withConnection { try await table.count(otherValue, on: $0) }
        #expect(after == before, "\(table)")
    }

    @Test func sessionWithNoTenantSetReadsNothing() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let tables = try await TenantTable.all(db.owner)
        try await db.withClient(role: "mailsync_app") { fresh in
            try await fresh.withConnection { session in
                for table in tables {
                    let count = try await session.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.quotedName)"))
                        .single().decode(Int.self, at: 0)
                    #expect(count == 0, "\(table) with the settings never set")
                }
            }
        }
        try await db.app.withTransaction(settings: ["mailsync.agency_id": "", "mailsync.sub_account_id": ""]) { session in
            for table in tables {
                let count = try await session.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.quotedName)"))
                    .single().decode(Int.self, at: 0)
                #expect(count == 0, "\(table) with empty settings")
            }
        }
        try await store.withTenant(.agency(tenant.agencyID)) { tx in
            // sub_accounts and webhook_deliveries (an endpoint's delivery list) are visible to their agency by design.
            let agencyVisible: Set<String> = ["sub_accounts", "webhook_deliveries"]
            for table in tables where table.level == .subAccount && !agencyVisible.contains(table.name) {
                let count = try await tx.connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.quotedName)"))
                    .single().decode(Int.self, at: 0)
                #expect(count == 0, "\(table) in an agency-level scope")
            }
        }
    }

    @Test func runtimeRoleOwnsNothingAndCannotBypassRowLevelSecurity() async throws {
        let db = try TestDatabase.current
        let role = try await db.app.query(
            "SELECT current_user::text, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).single().decode((String, Bool, Bool).self)
        #expect(role.0 == "mailsync_app")
        #expect(role.1 == false)
        #expect(role.2 == false)
        let owned = try await db.owner.query(
            """
            SELECT (SELECT count(*) FROM pg_class WHERE relowner = 'mailsync_app'::regrole)
                 + (SELECT count(*) FROM pg_namespace WHERE nspowner = 'mailsync_app'::regrole)
                 + (SELECT count(*) FROM pg_proc WHERE proowner = 'mailsync_app'::regrole)
                 + (SELECT count(*) FROM pg_type WHERE typowner = 'mailsync_app'::regrole)
            """
        ).single().decode(Int.self, at: 0)
        #expect(owned == 0)
    }

    @Test func keysOfTenantTablesLeadWithTheirTenantColumn() async throws {
        let db = try TestDatabase.current
        let tables = try await TenantTable.all(db.owner)
        let tenantColumn = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        // Routing keys are unique across tenants by nature: the lookups find the tenant from them.
        let routingKeys: Set<String> = ["api_keys_key_hash_key", "oauth_states_state_hash_key", "sub_accounts_bcc_address_key"]
        let uniques = try await db.owner.query(
            """
            SELECT t.relname, i.relname, coalesce(a.attname, '') FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
            WHERE n.nspname = 'public' AND x.indisunique
            """
        ).decode((String, String, String).self)
        for (table, index, first) in uniques {
            guard let tenant = tenantColumn[table], !routingKeys.contains(index) else { continue }
            #expect(first == tenant.column, "\(index) on \(table) leads with \(first), not \(tenant.column)")
        }
        let foreignKeys = try await db.owner.query(
            """
            SELECT t.relname, f.conname, a.attname, r.relname FROM pg_constraint f
            JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = f.conkey[1]
            WHERE n.nspname = 'public' AND f.contype = 'f'
            """
        ).decode((String, String, String, String).self)
        for (table, constraint, first, referenced) in foreignKeys {
            guard let tenant = tenantColumn[table] else { continue }
            let target = tenantColumn[referenced]
            let allowed =
                first == tenant.column || target == nil  // a global table (mailboxes)
                || (target?.level == .agency && first == "agency_id")
            #expect(allowed, "\(constraint) on \(table) leads with \(first)")
        }
    }

    @Test func everyTableViewAndRoutingFunctionHasAComment() async throws {
        let db = try TestDatabase.current
        let relations = try await db.owner.query(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('public', 'admin') AND c.relkind IN ('r', 'p', 'v', 'm')
                AND obj_description(c.oid, 'pg_class') IS NULL
            """
        ).decodeColumn(String.self)
        #expect(relations.isEmpty, "without COMMENT ON: \(relations)")
        let functions = try await db.owner.query(
            """
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('routing', 'admin') AND obj_description(p.oid, 'pg_proc') IS NULL
            """
        ).decodeColumn(String.self)
        #expect(functions.isEmpty, "without COMMENT ON: \(functions)")
    }
}
