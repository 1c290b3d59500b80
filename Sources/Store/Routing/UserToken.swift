import Crypto
import Foundation
import Mail
import SyncCore

/// A short-lived token an agency key issues for one CRM user in one sub-account, so that user's
/// browser can manage only that user's own connection.
///
/// Text form: `mut_<base64url(claims JSON)>.<base64url(HMAC-SHA256)>`. The signing key is derived
/// (HKDF) from the keyring key the claims name, so tokens survive a key rotation until they expire
/// and a forged or altered token fails without a database read.
public struct UserToken: Sendable, Hashable {
    /// The text every user token starts with.
    public static let prefix = "mut_"
    private static let info = Array("mailsync user token v1".utf8)

    /// The user's agency and sub-account.
    public var scope: TenantScope
    /// The user the token acts for.
    public var userID: UUID
    /// When the token stops working.
    public var expiresAt: Date

    /// Creates claims.
    public init(scope: TenantScope, userID: UUID, expiresAt: Date) {
        self.scope = scope
        self.userID = userID
        self.expiresAt = expiresAt
    }

    private struct Claims: Codable {
        var a: UUID
        var s: UUID
        var u: UUID
        var e: Int64
        var k: String
    }

    /// The signed text, under the keyring's current key.
    public func signed(with keyring: Keyring) throws -> SecretText {
        guard let subAccountID = scope.subAccountID else { throw StoreError(.subAccountRequired) }
        let claims = Claims(
            a: scope.agencyID, s: subAccountID, u: userID, e: Int64(expiresAt.timeIntervalSince1970),
            k: keyring.current.id)
        let payload = Base64URL.encode(Array(try JSONEncoder().encode(claims)))
        let signature = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: Self.signingKey(keyring.current))
        return SecretText(Self.prefix + payload + "." + Base64URL.encode(Array(signature)))
    }

    /// The claims of a token whose signature verifies and which has not expired; nil otherwise.
    public static func verify(_ text: String, keyring: Keyring, now: Date = Date()) -> UserToken? {
        guard text.hasPrefix(prefix) else { return nil }
        let parts = text.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let signature = Base64URL.decode(parts[1]),
            let claims = try? JSONDecoder().decode(Claims.self, from: Data(payload)), let key = keyring.key(id: claims.k),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(parts[0].utf8), using: signingKey(key))
        else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(claims.e))
        guard expiresAt > now else { return nil }
        return UserToken(scope: .subAccount(claims.s, of: claims.a), userID: claims.u, expiresAt: expiresAt)
    }

    private static func signingKey(_ key: Keyring.Key) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key.material, info: info, outputByteCount: 32)
    }
}
