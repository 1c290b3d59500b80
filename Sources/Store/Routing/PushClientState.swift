import Crypto
import Foundation
import Mail

/// The `clientState` secret of a mailbox's Microsoft Graph subscription: an HMAC of the mailbox id
/// under a key derived from the keyring, so every notification can be checked without storing a
/// secret per subscription, and a notification for one mailbox cannot be forged from another's.
public enum PushClientState {
    private static let info = Array("mailsync graph client state v1".utf8)

    /// The client state for a mailbox, under the keyring's current key (at most 128 characters,
    /// as Graph requires).
    public static func make(mailboxID: UUID, keyring: Keyring) -> String {
        value(mailboxID: mailboxID, key: keyring.current)
    }

    /// True when `clientState` is the mailbox's, under any key of the keyring (so subscriptions
    /// made before a key rotation keep verifying until they are renewed).
    public static func verify(_ clientState: String?, mailboxID: UUID, keyring: Keyring) -> Bool {
        guard let clientState else { return false }
        return keyring.keys.contains { key in
            let expected = Array(value(mailboxID: mailboxID, key: key).utf8)
            let given = Array(clientState.utf8)
            // Constant time in the length of the expected value.
            guard expected.count == given.count else { return false }
            return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func value(mailboxID: UUID, key: Keyring.Key) -> String {
        let signingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: key.material, info: info, outputByteCount: 32)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(mailboxID.uuidString.lowercased().utf8), using: signingKey)
        return "v1." + Base64URL.encode(Array(mac))
    }
}
