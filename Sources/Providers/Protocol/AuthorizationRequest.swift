/// What the consent page URL is built from. The caller makes and later checks the signed,
/// single-use `state`, and keeps the PKCE verifier whose challenge goes here.
public struct AuthorizationRequest: Sendable, Hashable {
    /// Where the provider sends the browser back (`MAILSYNC_PUBLIC_URL` + callback path).
    public var redirectURI: String
    /// The signed single-use state, returned unchanged by the provider.
    public var state: String
    /// `PKCE.challenge` of the verifier the caller keeps (S256).
    public var codeChallenge: String
    /// The address to preselect on the provider's sign-in page, if known.
    public var loginHint: String?

    /// Creates a request.
    public init(redirectURI: String, state: String, codeChallenge: String, loginHint: String? = nil) {
        self.redirectURI = redirectURI
        self.state = state
        self.codeChallenge = codeChallenge
        self.loginHint = loginHint
    }
}
