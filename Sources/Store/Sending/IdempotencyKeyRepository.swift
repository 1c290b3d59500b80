import Crypto
import Foundation
import Postgres
import SyncCore

/// The sub-account's `Idempotency-Key`s: a retried request with the same key and body gets the
/// first response; the same key with another body is refused. Keys live 24 hours.
///
/// ```swift
/// switch try await tx.idempotencyKeys.claim(key, requestHash: hash) {
/// case .claimed: ...do the work, then tx.idempotencyKeys.complete(key, status: 202, body: bytes)
/// case .replay(let status, let body): return the stored response
/// case .mismatch: 422
/// }
/// ```
public struct IdempotencyKeyRepository: Sendable {
    /// What a claim found.
    public enum Claim: Sendable, Hashable {
        /// The key is new (or its old record expired): this request does the work.
        case claimed
        /// The same request ran before: its stored response.
        case replay(status: Int, body: [UInt8])
        /// The key was used with a different request.
        case mismatch
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// The hash a request is remembered by: SHA-256 of its route and body, hex.
    public static func requestHash(route: String, body: [UInt8]) -> String {
        var hasher = Crypto.SHA256()
        hasher.update(data: Array(route.utf8) + [0])
        hasher.update(data: body)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Claims a key for a request (its hash). A concurrent request with the same key waits on this
    /// transaction's row and then replays its response.
    public func claim(_ key: String, requestHash: String) async throws -> Claim {
        let subAccountID = try transaction.requireSubAccount()
        let claimed = try await transaction.connection.query(
            """
            INSERT INTO idempotency_keys (sub_account_id, key, request_hash)
            VALUES (\(subAccountID), \(key), \(requestHash))
            ON CONFLICT (sub_account_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
                response_status = NULL, response_body = NULL, created_at = now(),
                expires_at = now() + interval '24 hours'
            WHERE idempotency_keys.expires_at <= now()
            RETURNING key
            """)
        if !claimed.isEmpty { return .claimed }
        let row = try await transaction.connection.query(
            """
            SELECT request_hash, response_status, response_body FROM idempotency_keys
            WHERE sub_account_id = \(subAccountID) AND key = \(key)
            """
        ).single()
        let (hash, status, body) = try row.decode((String, Int?, [UInt8]?).self)
        guard hash == requestHash, let status, let body else { return .mismatch }
        return .replay(status: status, body: body)
    }

    /// Stores the response of the request that claimed the key.
    public func complete(_ key: String, status: Int, body: [UInt8]) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE idempotency_keys SET response_status = \(status), response_body = \(body)
            WHERE sub_account_id = \(subAccountID) AND key = \(key)
            """, of: "idempotency_keys")
    }

    /// Deletes the sub-account's expired keys; returns how many.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "DELETE FROM idempotency_keys WHERE sub_account_id = \(subAccountID) AND expires_at <= now()"
        ).affectedRows
    }
}
