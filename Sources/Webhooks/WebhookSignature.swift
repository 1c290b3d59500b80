import Crypto
import Foundation
import SyncCore

/// The `MailSync-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
/// keyed with the endpoint's whole secret text (`whsec_...`).
///
/// ```swift
/// let header = WebhookSignature.header(secret: secret, timestamp: 1_796_000_000, body: body)
/// // "t=1796000000,v1=5f0c..."
/// ```
public enum WebhookSignature {
    /// The header value for a body sent at `timestamp`.
    public static func header(secret: SecretText, timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }

    /// The lower-case hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    public static func hex(secret: SecretText, timestamp: Int64, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Array(secret.value.utf8))
        let signed = Array("\(timestamp).".utf8) + body
        return HMAC<SHA256>.authenticationCode(for: signed, using: key).map { String(format: "%02x", $0) }.joined()
    }
}
