import CryptoExtras
import Foundation
import JWTKit
import Mail

/// An RS256 key the emulator signs ID tokens and Pub/Sub push tokens with, and the JWKS that
/// publishes its public half (as Google publishes its keys at `/oauth2/v3/certs`).
public struct JWTSigningKey: Sendable {
    /// The key id (`kid`) in token headers and the JWKS.
    public let kid: String
    /// `{"keys": [...]}` with the public key.
    public let jwksJSON: String
    private let keys: JWTKeyCollection

    /// A fresh 2048-bit RSA key.
    public static func generate(kid: String = UUID().uuidString.lowercased()) async throws -> JWTSigningKey {
        let privateKey = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let keys = JWTKeyCollection()
        await keys.add(rsa: privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        let jwk: [String: String] = [
            "kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
            "n": Base64URL.encode(primitives.modulus),
            "e": Base64URL.encode(primitives.publicExponent),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(["keys": [jwk]]), as: UTF8.self)
        return JWTSigningKey(kid: kid, jwksJSON: json, keys: keys)
    }

    /// A compact RS256 JWT of `claims` with this key's `kid`.
    public func sign(_ claims: some JWTPayload) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }
}
