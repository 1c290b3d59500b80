import Crypto
import Foundation
import Mail

/// The OAuth `state` parameter: 32 random bytes and an HMAC-SHA256 signature over them, both in
/// base64url (`<random>.<signature>`).
///
/// The signing key is derived (HKDF) from each key of the keyring, so the callback rejects a
/// forged or mangled state before touching the database, and states signed just before a key
/// rotation still verify. Only the SHA-256 of the whole text is stored.
enum OAuthStateToken {
    private static let info = Array("mailsync oauth state v1".utf8)

    static func generate(keyring: Keyring) -> String {
        let random = Base64URL.encode(SecureRandom.bytes(32))
        return random + "." + Base64URL.encode(signature(of: random, key: keyring.current))
    }

    /// True when the state's signature verifies under one of the keyring's keys.
    static func verify(_ state: String, keyring: Keyring) -> Bool {
        let parts = state.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let signature = Base64URL.decode(parts[1]) else { return false }
        return keyring.keys.contains { key in
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(parts[0].utf8), using: signingKey(key))
        }
    }

    static func hash(_ state: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(state.utf8)))
    }

    private static func signature(of random: String, key: Keyring.Key) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(random.utf8), using: signingKey(key)))
    }

    private static func signingKey(_ key: Keyring.Key) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key.material, info: info, outputByteCount: 32)
    }
}
