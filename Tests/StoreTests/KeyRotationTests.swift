import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct KeyRotationTests {
    @Test func everyCiphertextColumnOfTheSchemaIsRotated() async throws {
        let db = try TestDatabase.current
        let columns = try await db.owner.query(
            """
            SELECT c.relname || '.' || a.attname FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname LIKE '%\\_ciphertext' AND NOT a.attisdropped
            ORDER BY 1
            """
        ).decodeColumn(String.self)
        #expect(columns == EncryptedColumn.all.map(\.description).sorted())
    }

    @Test func rotationLeavesEverySecretReadableUnderTheNewKeyAndRetiresTheOldOne() async throws {
        let db = try TestDatabase.current
        let old = try Keyring.random(id: "rot-old")
        try await old.verify(on: db.app)
        let before = Store(client: db.app, keyring: old)
        let first = try await TenantFixture.make(before)
        let second = try await TenantFixture.make(before)
        let sibling = try await TenantFixture.make(before, agencyID: first.agencyID)
        let fixtures = [first, second, sibling]

        let rotated = try Keyring(keys: try Keyring.random(id: "rot-new").keys + old.keys)
        let during = Store(client: db.app, keyring: rotated)
        let report = try await db.withClient(role: "mailsync_admin") { admin in
            try await KeyRotation(client: admin, keyring: rotated, batchSize: 2).run { _, _ in
                // Mid-rotation, some secrets are under each key: every one still opens.
                for fixture in fixtures {
                    try await Self.expectSecretsReadable(fixture, in: during)
                }
            }
        }
        for column in EncryptedColumn.all {
            #expect(report.resealed[column] == 3, "\(column)")
        }
        #expect(report.remaining == 0)
        #expect(report.retiredKeyIDs == ["rot-old"])

        let newOnly = try Keyring(keys: [rotated.current])
        try await newOnly.verify(on: db.app)
        let after = Store(client: db.app, keyring: newOnly)
        for fixture in fixtures {
            try await Self.expectSecretsReadable(fixture, in: after)
            // The state's signature is under the old key: accepted while the keyring still has it.
            let route = try #require(try await during.routing.consumeOAuthState(fixture.oauthState))
            let pending = try await after.withTenant(route.scope) { try await $0.oauthStates.take(route.stateID) }
            #expect(pending?.verifier == SecretText("verifier-\(fixture.subAccountID)"))
        }
        let usage = try await db.withClient(role: "mailsync_admin") { admin in
            try await admin.query("SELECT kid, secrets, retired_at IS NOT NULL FROM admin.secret_key_usage ORDER BY kid")
                .decode((String, Int, Bool).self)
        }
        #expect(usage.map(\.0) == ["rot-new", "rot-old"])
        #expect(usage.map(\.1) == [9, 0], "two tokens and a password per fixture; the states were taken")
        #expect(usage.map(\.2) == [false, true])
    }

    static func expectSecretsReadable(_ fixture: TenantFixture, in store: Store) async throws {
        try await store.withTenant(fixture.scope) { tx in
            let tokens = try await tx.connections.tokens(fixture.connectionID)
            #expect(tokens.accessToken == SecretText("access-\(fixture.subAccountID)"))
            #expect(tokens.refreshToken == SecretText("refresh-\(fixture.subAccountID)"))
            #expect(try await tx.emailProvider.secret() == SecretText("smtp-password-\(fixture.subAccountID)"))
        }
    }
}

/// Its own database: a rotation walks every secret of the database.
@Suite(.freshDatabase)
struct RepeatedKeyRotationTests {
    @Test func secondRotationFindsNothingToDo() async throws {
        let db = try TestDatabase.current
        let keyring = try Keyring.random(id: "idle")
        _ = try await TenantFixture.make(Store(client: db.app, keyring: keyring))
        let report = try await db.withClient(role: "mailsync_admin") { admin in
            try await KeyRotation(client: admin, keyring: keyring).run()
        }
        #expect(report.resealed.values.allSatisfy { $0 == 0 })
        #expect(report.retiredKeyIDs.isEmpty)
    }
}
