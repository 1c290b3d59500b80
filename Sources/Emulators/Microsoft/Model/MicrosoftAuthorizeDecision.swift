/// What the authorize endpoint does with a request.
enum MicrosoftAuthorizeDecision: Sendable {
    /// 302 to this URL (a code or an error for the app).
    case redirect(String)
    /// Show the consent form for these accounts.
    case consentPage(accounts: [MicrosoftEmulatorAccount])
    /// A request the app cannot be sent back for (unknown client, bad redirect): an error page.
    case errorPage(String)
}
