import Crypto
import Mail
import SyncCore

/// API keys as shown to their holder: `msk_` and 32 random bytes in base64url. Only the SHA-256 of
/// the whole text is stored.
public enum APIKeyToken {
    /// The prefix that marks a MailSync key (and lets secret scanners find leaked ones).
    public static let prefix = "msk_"

    /// A new random key.
    public static func generate() -> SecretText {
        SecretText(prefix + Base64URL.encode(SecureRandom.bytes(32)))
    }

    /// The stored hash of a key's text.
    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }
}
