/// A problem with `MAILSYNC_SECRET_KEYS` or with a sealed secret.
///
/// The description names key ids and columns, which are not secret, and never key material or
/// plaintext.
public struct KeyringError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. A struct around a private enum, so cases can be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notConfigured
            case malformed
            case wrongKey
            case missingKey
            case retiredKey
            case unknownKey
            case undecryptable
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `MAILSYNC_SECRET_KEYS` is unset or empty.
        public static let notConfigured = Code(.notConfigured)
        /// `MAILSYNC_SECRET_KEYS` is not `kid:base64key[,...]` of 32-byte keys with distinct ids.
        public static let malformed = Code(.malformed)
        /// A configured key is not the key its id sealed this database's secrets with.
        public static let wrongKey = Code(.wrongKey)
        /// The database still has secrets under a key id the keyring lacks.
        public static let missingKey = Code(.missingKey)
        /// The current key was retired by a rotation to a newer key.
        public static let retiredKey = Code(.retiredKey)
        /// A sealed secret names a key id the keyring lacks.
        public static let unknownKey = Code(.unknownKey)
        /// A sealed secret does not open: wrong key, damaged data, or moved from another row.
        public static let undecryptable = Code(.undecryptable)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The key id concerned, if one is.
    public var keyID: String?
    /// A message for operators; no key material, no plaintext.
    public var description: String

    static let format = "kid:base64key[,kid:base64key...], the first key current"

    static func notConfigured() -> KeyringError {
        KeyringError(
            code: .notConfigured, keyID: nil,
            description: "MAILSYNC_SECRET_KEYS is not set: give the keyring that seals secrets at rest (\(format)); "
                + "`make run` generates one into .local/secret-keys")
    }

    static func malformed(_ problem: String) -> KeyringError {
        KeyringError(code: .malformed, keyID: nil, description: "MAILSYNC_SECRET_KEYS: \(problem) (format: \(format))")
    }

    static func wrongKey(_ id: String) -> KeyringError {
        KeyringError(
            code: .wrongKey, keyID: id,
            description: "MAILSYNC_SECRET_KEYS: key '\(id)' is not the key this database's secrets under '\(id)' were "
                + "sealed with (its check value in secret_keys does not open); configure the original key")
    }

    static func missingKey(_ id: String) -> KeyringError {
        KeyringError(
            code: .missingKey, keyID: id,
            description: "MAILSYNC_SECRET_KEYS lacks key '\(id)', which still seals secrets in this database; "
                + "keep it after the current key until `mailsync admin rotate-key` has retired it")
    }

    static func retiredKey(_ id: String) -> KeyringError {
        KeyringError(
            code: .retiredKey, keyID: id,
            description: "MAILSYNC_SECRET_KEYS: the current (first) key '\(id)' was retired by a key rotation; "
                + "put the newer key first")
    }

    static func unknownKey(_ id: String, in place: String) -> KeyringError {
        KeyringError(
            code: .unknownKey, keyID: id,
            description: "a secret in \(place) is sealed under key '\(id)', which MAILSYNC_SECRET_KEYS lacks")
    }

    static func undecryptable(_ id: String?, in place: String) -> KeyringError {
        KeyringError(
            code: .undecryptable, keyID: id,
            description: "a secret in \(place) does not open under key '\(id ?? "?")' (wrong key or altered data)")
    }
}
