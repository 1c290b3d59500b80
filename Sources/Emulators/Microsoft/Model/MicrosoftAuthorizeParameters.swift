/// The parameters of `GET /{tenant}/oauth2/v2.0/authorize`
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code).
struct MicrosoftAuthorizeParameters: Sendable, Hashable {
    var clientID: String
    var responseType: String
    var redirectURI: String
    var scopes: [String]
    var state: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var loginHint: String?

    init(_ fields: [String: String]) {
        clientID = fields["client_id"] ?? ""
        responseType = fields["response_type"] ?? ""
        redirectURI = fields["redirect_uri"] ?? ""
        scopes = (fields["scope"] ?? "").split(separator: " ").map { MicrosoftEmulatorState.shortScope(String($0)) }
        state = fields["state"]
        codeChallenge = fields["code_challenge"]
        codeChallengeMethod = fields["code_challenge_method"]
        loginHint = fields["login_hint"]
    }

    /// The fields again, for the consent form's hidden inputs.
    var fields: [String: String] {
        var fields = [
            "client_id": clientID, "response_type": responseType, "redirect_uri": redirectURI,
            "scope": scopes.joined(separator: " "),
        ]
        fields["state"] = state
        fields["code_challenge"] = codeChallenge
        fields["code_challenge_method"] = codeChallengeMethod
        fields["login_hint"] = loginHint
        return fields
    }
}
