import Foundation

/// What the server-rendered pages need beyond the API's dependencies: the public origin (for the
/// OAuth return URL and the cookie's `Secure` flag) and, in a demo, where the emulated mailboxes are.
public struct PagesConfiguration: Sendable {
    /// The service's public origin without a trailing slash, e.g. `http://127.0.0.1:8080`.
    public var publicURL: String
    /// The emulators' mailbox pages (`mailsync emulators`), linked from the navigation; nil hides the link.
    public var emulatedMailboxesURL: String?

    /// Creates a configuration.
    public init(publicURL: String, emulatedMailboxesURL: String? = nil) {
        self.publicURL = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.emulatedMailboxesURL = emulatedMailboxesURL
    }

    /// Cookies carry `Secure` when the service is reached over https.
    var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}
