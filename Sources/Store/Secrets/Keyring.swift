import Crypto
import Foundation

/// The keys that seal secrets at rest (tokens, SMTP passwords, PKCE verifiers), read from
/// `MAILSYNC_SECRET_KEYS`.
///
/// The text is `kid:base64key[,kid:base64key...]`, each key 32 random bytes (AES-256). The first
/// key is current: it seals every new secret. Older keys only open what they sealed, until
/// `mailsync admin rotate-key` has moved everything to the current key.
/// ```swift
/// let keyring = try Keyring(parsing: "k2:\(newKey),k1:\(oldKey)")
/// let sealed = try keyring.seal(SecretText("token"), for: context)
/// ```
public struct Keyring: Sendable {
    /// One named key.
    public struct Key: Sendable {
        /// The key id stored with every secret it seals (letters, digits, `_`, `.`, `-`; at most 64).
        public let id: String
        let material: SymmetricKey

        /// A key from its id and 32 bytes of key material.
        public init(id: String, material: [UInt8]) throws {
            guard Self.isValidID(id) else { throw KeyringError.malformed("a key id must be 1-64 of A-Z a-z 0-9 _ . -") }
            guard material.count == 32 else { throw KeyringError.malformed("key '\(id)' is not 32 bytes (base64 of 32 random bytes)") }
            self.id = id
            self.material = SymmetricKey(data: material)
        }

        static func isValidID(_ id: String) -> Bool {
            !id.isEmpty && id.utf8.count <= 64
                && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.-".unicodeScalars.contains($0)) }
        }
    }

    /// The keys, current first.
    public let keys: [Key]

    /// A keyring from keys, the first current; ids must be distinct.
    public init(keys: [Key]) throws {
        guard !keys.isEmpty else { throw KeyringError.notConfigured() }
        var seen: Set<String> = []
        for key in keys where !seen.insert(key.id).inserted {
            throw KeyringError.malformed("key id '\(key.id)' appears twice")
        }
        self.keys = keys
    }

    /// Parses `kid:base64key[,kid:base64key...]`; nil or empty text is the "not set" error.
    public init(parsing text: String?) throws {
        let entries = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { throw KeyringError.notConfigured() }
        var keys: [Key] = []
        for (index, entry) in entries.enumerated() {
            guard let colon = entry.firstIndex(of: ":") else {
                throw KeyringError.malformed("entry \(index + 1) is not kid:base64key")
            }
            let id = String(entry[..<colon])
            guard let material = Data(base64Encoded: String(entry[entry.index(after: colon)...])) else {
                throw KeyringError.malformed("key '\(id)' is not valid base64")
            }
            keys.append(try Key(id: id, material: [UInt8](material)))
        }
        try self.init(keys: keys)
    }

    /// The key that seals new secrets.
    public var current: Key { keys[0] }

    /// The key with this id, if the keyring has it.
    public func key(id: String) -> Key? {
        keys.first { $0.id == id }
    }

    /// A new `kid:base64key` entry with 32 random bytes, for a new keyring or a rotation.
    public static func generateEntry(id: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "\(id):\(Data(bytes).base64EncodedString())"
    }
}
