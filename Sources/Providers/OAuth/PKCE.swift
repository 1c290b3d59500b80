import Crypto
import Mail

/// A PKCE (RFC 7636) verifier and its S256 challenge for one authorization-code flow.
///
/// Keep `verifier` server-side with the signed state; put `challenge` in the authorization URL;
/// send `verifier` with the code exchange.
public struct PKCE: Sendable, Hashable {
    /// The secret: 64 characters of base64url (48 random bytes), within RFC 7636's 43...128.
    public let verifier: String
    /// `BASE64URL(SHA256(verifier))`, without padding.
    public let challenge: String

    /// A fresh verifier from the system's cryptographic random source.
    public init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.init(verifier: Base64URL.encode(bytes))
    }

    /// The pair for a known verifier (tests, and checking a verifier later).
    public init(verifier: String) {
        self.verifier = verifier
        challenge = PKCE.challenge(for: verifier)
    }

    /// The S256 challenge of `verifier`.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }
}
