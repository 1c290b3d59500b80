import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@Suite struct KeyringTests {
    private static let key = Data(repeating: 7, count: 32).base64EncodedString()

    @Test(arguments: [
        (nil, KeyringError.Code.notConfigured),
        ("", .notConfigured),
        ("nocolon", .malformed),
        ("k1:not base64!", .malformed),
        ("k1:\(Data(repeating: 1, count: 16).base64EncodedString())", .malformed),
        ("bad id:\(key)", .malformed),
        ("k1:\(key),k1:\(key)", .malformed),
    ] as [(String?, KeyringError.Code)])
    func malformedKeyringIsRejectedWithAClearMessage(text: String?, code: KeyringError.Code) throws {
        let error = try #require(throws: KeyringError.self) { try Keyring(parsing: text) }
        #expect(error.code == code)
        #expect(error.description.contains("MAILSYNC_SECRET_KEYS"))
        #expect(!error.description.contains(Self.key))
    }

    @Test func keyringParsesKeysInOrderFirstCurrent() throws {
        let other = Data(repeating: 9, count: 32).base64EncodedString()
        let keyring = try Keyring(parsing: " k2:\(Self.key) , k1:\(other)")
        #expect(keyring.keys.map(\.id) == ["k2", "k1"])
        #expect(keyring.current.id == "k2")
    }

    @Test func firstKeySealsAndOlderKeysStillOpen() throws {
        let old = try Keyring.random(id: "old")
        let rotated = try Keyring(keys: try Keyring.random(id: "new").keys + old.keys)
        let context = EncryptedColumn.connectionRefreshToken.context(UUID(), UUID())
        let sealedOld = try old.seal(SecretText("refresh"), for: context)
        #expect(try rotated.open(sealedOld, for: context) == SecretText("refresh"))

        let sealedNew = try rotated.seal(SecretText("refresh"), for: context)
        #expect(Keyring.keyID(of: sealedNew) == "new")
        let unknown = try #require(throws: KeyringError.self) { try old.open(sealedNew, for: context) }
        #expect(unknown.code == .unknownKey)

        let impostor = try Keyring.random(id: "old")
        let wrong = try #require(throws: KeyringError.self) { try impostor.open(sealedOld, for: context) }
        #expect(wrong.code == .undecryptable)
        #expect(wrong.description.contains("connections.refresh_token_ciphertext"))
    }

    @Test func sealedSecretCarriesItsKeyIDAndOpensOnlyInItsOwnRow() throws {
        let keyring = try Keyring.random(id: "k1")
        let tenant = UUID()
        let row = UUID()
        let context = EncryptedColumn.connectionAccessToken.context(tenant, row)
        let sealed = try keyring.seal(SecretText("access-token"), for: context)
        #expect(sealed[0] == 1)
        #expect(Keyring.keyID(of: sealed) == "k1")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("access-token"))
        #expect(try keyring.open(sealed, for: context).value == "access-token")
        #expect(try keyring.seal(SecretText("access-token"), for: context) != sealed, "a fresh nonce each time")

        for moved in [
            EncryptedColumn.connectionAccessToken.context(UUID(), row),
            EncryptedColumn.connectionRefreshToken.context(tenant, row),
        ] {
            let error = try #require(throws: KeyringError.self) { try keyring.open(sealed, for: moved) }
            #expect(error.code == .undecryptable)
        }
        var altered = sealed
        altered[altered.count - 1] ^= 1
        #expect(throws: KeyringError.self) { try keyring.open(altered, for: context) }
    }

    @Test func secretTextNeverPrintsItself() {
        let secret = SecretText("ya29.token")
        #expect("\(secret)" == "<redacted>")
        #expect(!String(reflecting: secret).contains("ya29"))
    }
}

/// The start-up check that `mailsync serve` runs (``Keyring/verify(on:)``). Each suite has its own
/// database, because the check reads every key the database has seen.
@Suite(.freshDatabase)
struct WrongKeyStartupTests {
    @Test func wrongSecretKeyFailsStartUpWithAClearMessage() async throws {
        let db = try TestDatabase.current
        try await Keyring.random(id: "k1").verify(on: db.app)
        let impostor = try Keyring.random(id: "k1")
        let error = try await #require(throws: KeyringError.self) { try await impostor.verify(on: db.app) }
        #expect(error.code == .wrongKey)
        #expect(error.keyID == "k1")
        #expect(error.description == """
            MAILSYNC_SECRET_KEYS: key 'k1' is not the key this database's secrets under 'k1' were sealed with \
            (its check value in secret_keys does not open); configure the original key
            """)
    }

    @Test func sqlReadsTheKeyIDOfAnEnvelope() async throws {
        let db = try TestDatabase.current
        let sealed = try Keyring.random(id: "sql-kid").seal(SecretText("x"), for: EncryptedColumn.emailProviderSecret.context(UUID()))
        let kid = try await db.app.query("SELECT secret_key_id(\(sealed))").single().decode(String.self, at: 0)
        #expect(kid == "sql-kid")
    }
}

@Suite(.freshDatabase)
struct MissingKeyStartupTests {
    @Test func missingOrRetiredKeyFailsStartUp() async throws {
        let db = try TestDatabase.current
        let old = try Keyring.random(id: "m-old")
        try await old.verify(on: db.app)
        let newOnly = try Keyring.random(id: "m-new")
        let missing = try await #require(throws: KeyringError.self) { try await newOnly.verify(on: db.app) }
        #expect(missing.code == .missingKey)
        #expect(missing.description.contains("'m-old'"))
        let recorded = try await db.app.query("SELECT kid FROM secret_keys ORDER BY kid").decodeColumn(String.self)
        #expect(recorded == ["m-old"], "a failed check records no new key")

        let both = try Keyring(keys: newOnly.keys + old.keys)
        try await both.verify(on: db.app)
        try await db.withClient(role: "mailsync_admin") { admin in
            try await admin.query("UPDATE secret_keys SET retired_at = now() WHERE kid = 'm-old'")
        }
        try await newOnly.verify(on: db.app)
        let retiredFirst = try await #require(throws: KeyringError.self) { try await old.verify(on: db.app) }
        #expect(retiredFirst.code == .retiredKey)
    }
}
