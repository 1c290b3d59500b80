import SyncCore

/// A user name and password for SMTP AUTH (PLAIN or LOGIN, whichever the server offers).
///
/// The password is a `SecretText`: it prints as `<redacted>` and this module never logs it or puts
/// it in an error.
public struct SMTPCredentials: Sendable, Hashable {
    /// The user name, often the sending address.
    public var username: String
    /// The password.
    public var password: SecretText

    /// Creates credentials.
    public init(username: String, password: SecretText) {
        self.username = username
        self.password = password
    }
}
