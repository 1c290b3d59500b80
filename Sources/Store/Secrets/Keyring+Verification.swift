import Postgres

extension Keyring {
    /// The fixed text each key's check value seals.
    static let checkPlaintext = Array("mailsync secret key check v1".utf8)

    /// The start-up check (`mailsync serve` and every `mailsync admin` command run it): proves
    /// each configured key is the key its id sealed this database's secrets with, and that no key
    /// still in use is missing, so a wrong or missing key stops the process with a clear
    /// ``KeyringError`` instead of failing one secret at a time later.
    ///
    /// Records the check value of keys the database has not seen (first start, a new key).
    public func verify(on client: PostgresClient) async throws {
        let stored = try await client.withTransaction { db in
            for key in keys {
                let check = try seal(Self.checkPlaintext, under: key, for: .checkValue(keyID: key.id))
                try await db.query(
                    "INSERT INTO secret_keys (kid, check_value) VALUES (\(key.id), \(check)) ON CONFLICT (kid) DO NOTHING")
            }
            return try await db.query("SELECT kid, check_value, retired_at IS NOT NULL FROM secret_keys ORDER BY kid")
                .decode((String, [UInt8], Bool).self)
        }
        for (id, check, _) in stored where key(id: id) != nil {
            let opened = try? openBytes(check, for: .checkValue(keyID: id))
            guard opened == Self.checkPlaintext else { throw KeyringError.wrongKey(id) }
        }
        if stored.contains(where: { $0.0 == current.id && $0.2 }) {
            throw KeyringError.retiredKey(current.id)
        }
        if let (id, _, _) = stored.first(where: { key(id: $0.0) == nil && !$0.2 }) {
            throw KeyringError.missingKey(id)
        }
    }
}
