import Crypto
import SyncCore

extension Keyring {
    /// Seals a secret under the current key, bound to `context`; the result is the stored envelope.
    public func seal(_ secret: SecretText, for context: SecretContext) throws -> [UInt8] {
        try seal(Array(secret.value.utf8), under: current, for: context)
    }

    /// Opens an envelope with the key it names.
    public func open(_ envelope: [UInt8], for context: SecretContext) throws -> SecretText {
        let bytes = try openBytes(envelope, for: context)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw KeyringError.undecryptable(SecretEnvelope(bytes: envelope)?.keyID, in: context.column.description)
        }
        return SecretText(text)
    }

    /// The key id an envelope names, or nil when the bytes are not an envelope.
    public static func keyID(of envelope: [UInt8]) -> String? {
        SecretEnvelope(bytes: envelope)?.keyID
    }

    func seal(_ plaintext: [UInt8], under key: Key, for context: SecretContext) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: key.material, authenticating: context.authenticatedData)
        return SecretEnvelope(keyID: key.id, nonce: Array(box.nonce), ciphertext: Array(box.ciphertext), tag: Array(box.tag))
            .bytes
    }

    func openBytes(_ bytes: [UInt8], for context: SecretContext) throws -> [UInt8] {
        guard let envelope = SecretEnvelope(bytes: bytes) else {
            throw KeyringError.undecryptable(nil, in: context.column.description)
        }
        guard let key = key(id: envelope.keyID) else {
            throw KeyringError.unknownKey(envelope.keyID, in: context.column.description)
        }
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: envelope.nonce), ciphertext: envelope.ciphertext, tag: envelope.tag)
            return Array(try AES.GCM.open(box, using: key.material, authenticating: context.authenticatedData))
        } catch {
            throw KeyringError.undecryptable(envelope.keyID, in: context.column.description)
        }
    }
}
