import Postgres

extension Keyring {
    /// The fixed text each key's check value seals.
    static let checkPlaintext = Array("mailsync secret key check v1".utf8)

    /// The start-up check (`mailsync serve` and every `mailsync admin` command run it): proves
    /// each configured key is the key its id sealed this database's secrets with, and that no key
    /// still in use is missing, so a wrong or missing key stops the process with a clear
    /// ``KeyringError`` instead of failing one secret at a time later.
    ///
    /// When the check passes, records the check value of keys the database has not seen (first
    /// start, a new key); a failed check records nothing.
    public func verify(on client: PostgresClient) async throws {
        try await client.withTransaction { db in
            let stored = try await Self.storedChecks(db)
            try check(stored)
            let unseen = keys.filter { key in !stored.contains { $0.id == key.id } }
            for key in unseen {
                let check = try seal(Self.checkPlaintext, under: key, for: .checkValue(keyID: key.id))
                try await db.query(
                    "INSERT INTO secret_keys (kid, check_value) VALUES (\(key.id), \(check)) ON CONFLICT (kid) DO NOTHING")
            }
            // Another process may have recorded one of these keys first, with other material.
            if !unseen.isEmpty { try check(try await Self.storedChecks(db)) }
        }
    }

    private func check(_ stored: [(id: String, value: [UInt8], retired: Bool)]) throws {
        for (id, value, _) in stored where key(id: id) != nil {
            guard (try? openBytes(value, for: .checkValue(keyID: id))) == Self.checkPlaintext else {
                throw KeyringError.wrongKey(id)
            }
        }
        if stored.contains(where: { $0.id == current.id && $0.retired }) {
            throw KeyringError.retiredKey(current.id)
        }
        if let missing = stored.first(where: { key(id: $0.id) == nil && !$0.retired }) {
            throw KeyringError.missingKey(missing.id)
        }
    }

    private static func storedChecks(_ db: PostgresConnection) async throws -> [(id: String, value: [UInt8], retired: Bool)] {
        try await db.query("SELECT kid, check_value, retired_at IS NOT NULL FROM secret_keys ORDER BY kid")
            .decode((String, [UInt8], Bool).self).map { (id: $0.0, value: $0.1, retired: $0.2) }
    }
}
