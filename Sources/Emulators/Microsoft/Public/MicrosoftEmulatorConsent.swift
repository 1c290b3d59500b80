/// How the emulated consent page answers.
public struct MicrosoftEmulatorConsent: Sendable, Hashable, Codable {
    /// What the page does.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Redirects back with a code at once (tests).
        case approve
        /// Redirects back with `error=access_denied` (`AADSTS65004`) at once.
        case deny
        /// Shows the HTML form: an account, a checkbox per scope, Accept and Cancel.
        case manual
    }

    /// What the page does.
    public var mode: Mode
    /// Scopes left out of the grant when approving automatically (a user unticking them).
    public var dropScopes: [String]
    /// The account that signs in when approving automatically; nil: the `login_hint` account, else
    /// the first account.
    public var accountID: String?

    /// Creates settings.
    public init(mode: Mode, dropScopes: [String] = [], accountID: String? = nil) {
        self.mode = mode
        self.dropScopes = dropScopes
        self.accountID = accountID
    }
}
