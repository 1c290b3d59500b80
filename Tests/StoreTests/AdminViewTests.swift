import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct AdminViewTests {
    @Test func connectionHealthShowsLastErrorAndLastSync() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let failing = try await TenantFixture.make(store)
        let healthy = try await TenantFixture.make(store)
        try await store.withTenant(failing.scope) { try await $0.connections.recordError(failing.connectionID, message: "Token expired") }
        try await store.withTenant(healthy.scope) { try await $0.connections.recordSync(healthy.connectionID, at: Date()) }
        let rows = try await db.withClient(role: "mailsync_admin") { admin in
            try await admin.query(
                """
                SELECT connection_id, health, last_error, last_synced_at IS NOT NULL, status, provider
                FROM admin.connection_health WHERE connection_id IN (\(failing.connectionID), \(healthy.connectionID))
                """
            ).decode((UUID, String?, String?, Bool, String, String).self)
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0) })
        #expect(byID[failing.connectionID]?.1 == "failing")
        #expect(byID[failing.connectionID]?.2 == "Token expired")
        #expect(byID[healthy.connectionID]?.1 == "ok")
        #expect(byID[healthy.connectionID]?.3 == true)
        #expect(byID[healthy.connectionID]?.4 == "connected")
        #expect(byID[healthy.connectionID]?.5 == "gmail")
    }

    @Test func tenantCountsCountUsersContactsAndConnections() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { _ = try await $0.contacts.create(email: "two@example.test", name: nil, source: .crm) }
        let counts = try await db.withClient(role: "mailsync_admin") { admin in
            try await admin.query(
                "SELECT users, contacts, active_connections, connections FROM admin.tenant_counts WHERE sub_account_id = \(tenant.subAccountID)"
            ).single().decode((Int, Int, Int, Int).self)
        }
        #expect(counts == (1, 2, 1, 1))
    }

    @Test func runtimeRoleCannotReadAdminViews() async throws {
        let db = try TestDatabase.current
        await expectSQLState("42501", "admin views are for mailsync_admin") {
            try await db.app.query("SELECT count(*) FROM admin.tenant_counts")
        }
    }
}
