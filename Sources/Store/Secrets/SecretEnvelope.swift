/// The stored form of a sealed secret:
/// `version (1) | key id length (1) | key id | nonce (12) | ciphertext | tag (16)`.
///
/// SQL reads the key id with `secret_key_id(bytea)` (migration 0006).
struct SecretEnvelope: Sendable, Hashable {
    static let version: UInt8 = 1
    static let nonceCount = 12
    static let tagCount = 16

    var keyID: String
    var nonce: [UInt8]
    var ciphertext: [UInt8]
    var tag: [UInt8]

    init(keyID: String, nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// Reads an envelope; nil when the bytes are not one.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 2, bytes[0] == Self.version else { return nil }
        let idCount = Int(bytes[1])
        let nonceStart = 2 + idCount
        let tagStart = bytes.count - Self.tagCount
        guard idCount > 0, tagStart >= nonceStart + Self.nonceCount,
            let keyID = String(validating: bytes[2..<nonceStart], as: UTF8.self)
        else { return nil }
        self.keyID = keyID
        self.nonce = Array(bytes[nonceStart..<nonceStart + Self.nonceCount])
        self.ciphertext = Array(bytes[nonceStart + Self.nonceCount..<tagStart])
        self.tag = Array(bytes[tagStart...])
    }

    var bytes: [UInt8] {
        let id = Array(keyID.utf8)
        return [Self.version, UInt8(id.count)] + id + nonce + ciphertext + tag
    }
}
