/// A secret string (token, password, verifier) that never prints itself.
///
/// `description` and `debugDescription` are redacted, so interpolating one into a log line or
/// error message leaks nothing; read ``value`` only where the secret is used.
public struct SecretText: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself.
    public let value: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "SecretText(<redacted>)" }
}
