import Mail
import SyncCore

/// Endpoint signing secrets: `whsec_` and 32 random bytes in base64url. The receiver uses the
/// whole text, prefix included, as its HMAC-SHA256 key.
public enum WebhookSecret {
    /// The prefix that marks a MailSync webhook secret (and lets secret scanners find leaked ones).
    public static let prefix = "whsec_"

    /// A new random secret.
    public static func generate() -> SecretText {
        SecretText(prefix + Base64URL.encode(SecureRandom.bytes(32)))
    }
}
