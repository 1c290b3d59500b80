import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct RoutingLookupTests {
    private func store() throws -> Store {
        Store(client: try TestDatabase.current.app, keyring: try .random())
    }

    @Test func routingFunctionsAreSecurityDefinerOwnedByTheRoutingRoleAndReturnOnlyKeys() async throws {
        let db = try TestDatabase.current
        let functions = try await db.owner.query(
            """
            SELECT p.proname, p.prosecdef, pg_get_userbyid(p.proowner)::text,
                coalesce(array_to_string(p.proconfig, ','), ''),
                has_function_privilege('mailsync_app', p.oid, 'EXECUTE'),
                coalesce((SELECT bool_or(a.grantee = 0) FROM aclexplode(p.proacl) a), true),
                (SELECT string_agg(format_type(t, NULL), ',') FROM unnest(p.proallargtypes) WITH ORDINALITY AS u(t, i)
                    WHERE p.proargmodes[i::int] IN ('o', 't'))
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'routing' ORDER BY 1
            """
        ).decode((String, Bool, String, String, Bool, Bool, String?).self)
        #expect(functions.count >= 9, "the routing functions are missing")
        for (name, definer, owner, config, appMayRun, publicMayRun, outputs) in functions {
            #expect(definer, "\(name) is not SECURITY DEFINER")
            #expect(owner == "mailsync_routing", "\(name) is owned by \(owner)")
            #expect(config.contains("search_path="), "\(name) has no fixed search_path")
            #expect(appMayRun, "\(name)")
            #expect(!publicMayRun, "\(name) is executable by PUBLIC")
            let types = Set((outputs ?? "").split(separator: ",").map(String.init))
            #expect(!types.isEmpty && types.isSubset(of: ["uuid", "boolean"]), "\(name) returns \(types)")
        }
        let otherDefiners = try await db.owner.query(
            """
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prosecdef AND n.nspname NOT IN ('routing', 'pg_catalog', 'information_schema')
                AND has_function_privilege('mailsync_app', p.oid, 'EXECUTE')
            """
        ).decodeColumn(String.self)
        #expect(otherDefiners.isEmpty, "SECURITY DEFINER functions outside routing: \(otherDefiners)")
    }

    @Test func apiKeyResolvesToItsAgencyUntilRevoked() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let route = try #require(try await store.routing.apiKey(tenant.apiToken.value))
        #expect(route.agencyID == tenant.agencyID)
        #expect(route.apiKeyID == tenant.apiKeyID)
        #expect(!route.isRevoked)
        #expect(tenant.apiToken.value.hasPrefix("msk_"))
        #expect(try await store.routing.apiKey("msk_unknown") == nil)

        let revoked = try await store.withTenant(.agency(tenant.agencyID)) { try await $0.apiKeys.revoke(tenant.apiKeyID) }
        #expect(revoked)
        #expect(try await store.routing.apiKey(tenant.apiToken.value)?.isRevoked == true)
    }

    @Test func oauthStateIsSignedSingleUseAndCarriesTheVerifier() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let forged = String(tenant.oauthState.split(separator: ".")[0]) + ".AAAA"
        #expect(try await store.routing.consumeOAuthState(forged) == nil)

        let route = try #require(try await store.routing.consumeOAuthState(tenant.oauthState))
        #expect(route.scope == tenant.scope)
        #expect(route.userID == tenant.userID)
        #expect(try await store.routing.consumeOAuthState(tenant.oauthState) == nil, "a state is accepted once")

        let pending = try await store.withTenant(route.scope) { try await $0.oauthStates.take(route.stateID) }
        #expect(pending?.verifier == SecretText("verifier-\(tenant.subAccountID)"))
        #expect(pending?.provider == .gmail)
        #expect(try await store.withTenant(route.scope) { try await $0.oauthStates.take(route.stateID) } == nil)
    }

    @Test func expiredOAuthStateIsRejected() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let state = try await store.withTenant(tenant.scope) { tx in
            try await tx.oauthStates.create(
                userID: tenant.userID, provider: .microsoft, verifier: SecretText("v"), returnURL: nil, lifetime: .zero)
        }
        #expect(try await store.routing.consumeOAuthState(state) == nil)
        let deleted = try await store.withTenant(tenant.scope) { try await $0.oauthStates.deleteExpired() }
        #expect(deleted == 1)
    }

    @Test func stateSignedByAnotherKeyringIsRejected() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let stranger = Store(client: store.client, keyring: try .random(id: "stranger"))
        #expect(try await stranger.routing.consumeOAuthState(tenant.oauthState) == nil)
        #expect(try await store.routing.consumeOAuthState(tenant.oauthState) != nil)
    }

    @Test func mailboxLookupsFindEveryActiveConnectionAcrossTenants() async throws {
        let store = try store()
        let account = "shared-\(UUID().uuidString)"
        let first = try await TenantFixture.make(store, mailboxAccount: account)
        let second = try await TenantFixture.make(store, mailboxAccount: account)
        #expect(first.mailboxID == second.mailboxID)

        #expect(try await store.routing.mailbox(provider: .gmail, accountID: account) == first.mailboxID)
        #expect(try await store.routing.mailbox(provider: .microsoft, accountID: account) == nil)
        #expect(try await store.routing.mailboxes(provider: .gmail, address: "\(account)@GMAIL.test") == [first.mailboxID])

        try await store.withTransaction { tx in
            try await tx.mailboxes.setPush(first.mailboxID, subscriptionID: "sub-\(account)", expiresAt: Date().addingTimeInterval(600))
        }
        #expect(try await store.routing.mailbox(subscriptionID: "sub-\(account)") == first.mailboxID)
        #expect(try await store.routing.mailbox(subscriptionID: "sub-unknown") == nil)

        let routes = try await store.routing.connections(mailboxID: first.mailboxID)
        #expect(Set(routes.map(\.scope)) == [first.scope, second.scope])
        #expect(Set(routes.map(\.connectionID)) == [first.connectionID, second.connectionID])

        _ = try await store.withTenant(second.scope) { try await $0.connections.disconnect(second.connectionID) }
        let remaining = try await store.routing.connections(mailboxID: first.mailboxID)
        #expect(remaining.map(\.connectionID) == [first.connectionID])
    }

    @Test func bccAddressResolvesToItsSubAccountCaseInsensitively() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        #expect(try await store.routing.subAccount(bccAddress: tenant.bccAddress.uppercased()) == tenant.scope)
        #expect(try await store.routing.subAccount(bccAddress: "sync.unknown@bcc.example.test") == nil)
    }

    @Test func runtimeRoleReachesNoRoutingTableAcrossTenantsDirectly() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let other = try await TenantFixture.make(store)
        let visible = try await store.withTenant(tenant.scope) { tx in
            try await tx.connection.query("SELECT agency_id FROM api_keys").decodeColumn(UUID.self)
        }
        #expect(visible == [tenant.agencyID])
        #expect(!visible.contains(other.agencyID))
    }
}
