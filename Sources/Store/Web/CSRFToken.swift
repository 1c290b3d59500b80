import Crypto
import Foundation
import Mail

/// The per-session token every form of the server-rendered pages carries: an HMAC of the session
/// cookie's value, under a key derived (HKDF) from the keyring, so it needs no storage, differs per
/// session, and a page of another session (or a forged form) cannot guess it.
///
/// ```swift
/// let token = CSRFToken.make(forSession: cookieValue, keyring: keyring)
/// CSRFToken.isValid(formField, forSession: cookieValue, keyring: keyring)   // true
/// ```
public enum CSRFToken {
    private static let info = Array("mailsync csrf v1".utf8)

    /// The token for a session, under the keyring's current key.
    public static func make(forSession session: String, keyring: Keyring) -> String {
        Base64URL.encode(Array(mac(session, key: keyring.current)))
    }

    /// Whether `token` was made for `session` under any key of the keyring (constant-time compare).
    public static func isValid(_ token: String, forSession session: String, keyring: Keyring) -> Bool {
        guard let bytes = Base64URL.decode(token) else { return false }
        return keyring.keys.contains { key in
            HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Array(session.utf8), using: signingKey(key))
        }
    }

    private static func mac(_ session: String, key: Keyring.Key) -> HMAC<SHA256>.MAC {
        HMAC<SHA256>.authenticationCode(for: Array(session.utf8), using: signingKey(key))
    }

    private static func signingKey(_ key: Keyring.Key) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key.material, info: info, outputByteCount: 32)
    }
}
