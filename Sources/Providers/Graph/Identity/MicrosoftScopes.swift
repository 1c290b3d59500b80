/// The delegated permissions the service asks for, and the check of what the user granted.
///
/// The token response's `scope` names Graph permissions either short (`Mail.Send`) or as
/// resource URIs (`https://graph.microsoft.com/Mail.Send`), in any case; both are read
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2).
public enum MicrosoftScopes {
    /// The `scope` parameter sent with the authorization and token requests: sign-in and a refresh
    /// token (`offline_access openid email`), `/me` (`User.Read`: address, aliases, account id),
    /// and mail read, modify and send.
    public static let requested = [
        "offline_access", "openid", "email",
        "https://graph.microsoft.com/User.Read",
        "https://graph.microsoft.com/Mail.ReadWrite",
        "https://graph.microsoft.com/Mail.Send",
    ]

    /// The Graph permissions a grant must hold, as short names.
    public static let required = ["User.Read", "Mail.ReadWrite", "Mail.Send"]

    /// The required permissions missing from a token response's `scope` value, in `required`'s order.
    public static func missing(fromGranted granted: String) -> [String] {
        let have = Set(granted.split(separator: " ").map { normalized(String($0)) })
        return required.filter { !have.contains(normalized($0)) }
    }

    /// `https://graph.microsoft.com/Mail.Send` and `mail.send` both become `mail.send`.
    static func normalized(_ scope: String) -> String {
        let lower = scope.lowercased()
        for prefix in ["https://graph.microsoft.com/", "https://graph.microsoft.com//"] where lower.hasPrefix(prefix) {
            return String(lower.dropFirst(prefix.count))
        }
        return lower
    }
}
