import Crypto
import Foundation

extension MicrosoftEmulatorState {
    /// `https://graph.microsoft.com/Mail.Send` is `Mail.Send`.
    static func shortScope(_ scope: String) -> String {
        let prefix = "https://graph.microsoft.com/"
        return scope.lowercased().hasPrefix(prefix) ? String(scope.dropFirst(prefix.count)) : scope
    }

    /// Checks the request and answers it as the consent settings say.
    func authorize(_ request: MicrosoftAuthorizeParameters) -> MicrosoftAuthorizeDecision {
        guard request.clientID == configuration.clientID else {
            return .errorPage(
                "AADSTS700016: Application with identifier '\(request.clientID)' was not found in the directory.")
        }
        guard URL(string: request.redirectURI)?.scheme != nil else {
            return .errorPage(
                "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application."
            )
        }
        guard request.responseType == "code" else {
            return .redirect(
                redirect(
                    request,
                    [
                        "error": "unsupported_response_type",
                        "error_description": "AADSTS70005: response_type 'token' is not enabled for the application.",
                    ]))
        }
        if let method = request.codeChallengeMethod, method != "S256" {
            return .redirect(
                redirect(
                    request,
                    ["error": "invalid_request", "error_description": "AADSTS501491: Invalid code_challenge_method."]))
        }
        switch consent.mode {
        case .manual:
            return .consentPage(accounts: accountOrder.compactMap { mailboxes[$0]?.account }.map(Self.publicAccount))
        case .deny:
            return .redirect(decide(request, accountID: nil, scopes: [], approved: false))
        case .approve:
            let hinted = request.loginHint.flatMap { try? accountID(for: $0) }
            let dropped = Set(consent.dropScopes.map { $0.lowercased() })
            let scopes = request.scopes.filter { !dropped.contains($0.lowercased()) }
            return .redirect(
                decide(
                    request, accountID: consent.accountID ?? hinted ?? accountOrder.first, scopes: scopes,
                    approved: true))
        }
    }

    /// The user's answer on the consent page (or the automatic one): a code for the granted
    /// scopes, or `access_denied` (`AADSTS65004`).
    func decide(_ request: MicrosoftAuthorizeParameters, accountID: String?, scopes: [String], approved: Bool) -> String
    {
        guard approved, let accountID, mailboxes[accountID] != nil else {
            return redirect(
                request,
                [
                    "error": "access_denied",
                    "error_description": "AADSTS65004: User declined to consent to access the app.",
                ])
        }
        let code = "M.C5_" + OutlookIDs.random(40)
        codes[code] = MicrosoftAuthorizationCode(
            accountID: accountID, clientID: request.clientID, redirectURI: request.redirectURI, scopes: scopes,
            codeChallenge: request.codeChallenge,
            expiresAt: Date().addingTimeInterval(configuration.authorizationCodeLifetime))
        return redirect(request, ["code": code])
    }

    private func redirect(_ request: MicrosoftAuthorizeParameters, _ parameters: [String: String]) -> String {
        var items = parameters
        items["state"] = request.state
        let query = items.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return request.redirectURI + (request.redirectURI.contains("?") ? "&" : "?") + query
    }

    /// `POST /{tenant}/oauth2/v2.0/token`: redeems a code (PKCE checked) or a refresh token, which
    /// is rotated: the old one stops working
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token).
    func token(_ form: [String: String]) -> (status: Int, body: [UInt8]) {
        guard form["client_id"] == configuration.clientID else {
            return tokenError(
                400, "unauthorized_client", 700016,
                "Application with identifier '\(form["client_id"] ?? "")' was not found in the directory.")
        }
        guard form["client_secret"] == configuration.clientSecret else {
            return tokenError(401, "invalid_client", 7000215, "Invalid client secret provided.")
        }
        if !pendingTokenFailures.isEmpty {
            let code = pendingTokenFailures.removeFirst()
            return tokenError(
                400, "invalid_grant", code,
                "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.",
                suberror: "consent_required")
        }
        let grant: MicrosoftTokenGrant
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"], let pending = codes.removeValue(forKey: code) else {
                return tokenError(
                    400, "invalid_grant", 54005,
                    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."
                )
            }
            guard pending.expiresAt > Date() else {
                return tokenError(
                    400, "invalid_grant", 70008,
                    "The provided authorization code or refresh token has expired due to inactivity.")
            }
            guard pending.redirectURI == form["redirect_uri"] else {
                return tokenError(
                    400, "invalid_grant", 50148, "The redirect_uri doesn't match the one in the authorization request.")
            }
            if let challenge = pending.codeChallenge {
                let verifier = form["code_verifier"] ?? ""
                guard Self.base64URL(Array(SHA256.hash(data: Array(verifier.utf8)))) == challenge else {
                    return tokenError(
                        400, "invalid_grant", 501481,
                        "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
                }
            }
            grant = MicrosoftTokenGrant(accountID: pending.accountID, scopes: pending.scopes, expiresAt: .distantFuture)
        case "refresh_token":
            guard let token = form["refresh_token"], let known = refreshTokens.removeValue(forKey: token) else {
                return tokenError(
                    400, "invalid_grant", 70000,
                    "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.")
            }
            grant = known
        default:
            return tokenError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.")
        }
        return issueTokens(grant)
    }

    private func issueTokens(_ grant: MicrosoftTokenGrant) -> (status: Int, body: [UInt8]) {
        let lifetime = configuration.accessTokenLifetime
        let access = "EwB" + OutlookIDs.random(120)
        accessTokens[access] = MicrosoftTokenGrant(
            accountID: grant.accountID, scopes: grant.scopes, expiresAt: Date().addingTimeInterval(lifetime))
        var response = MicrosoftTokenJSON(
            tokenType: "Bearer", scope: grant.scopes.filter { $0 != "offline_access" }.joined(separator: " "),
            expiresIn: Int(lifetime), extExpiresIn: Int(lifetime), accessToken: access)
        if grant.scopes.contains("offline_access") {
            let refresh = "M.C5_" + OutlookIDs.random(160)
            refreshTokens[refresh] = MicrosoftTokenGrant(
                accountID: grant.accountID, scopes: grant.scopes, expiresAt: .distantFuture)
            response.refreshToken = refresh
        }
        if grant.scopes.contains("openid"), let account = mailboxes[grant.accountID]?.account {
            response.idToken = idToken(for: account, includeEmail: grant.scopes.contains("email"))
        }
        return (200, (try? Array(JSONEncoder().encode(response))) ?? [])
    }

    /// An id token signed with HS256 under an emulator key; the claims are Microsoft's v2 ones
    /// (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference).
    private func idToken(for account: OutlookAccount, includeEmail: Bool) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let claims = MicrosoftIDTokenClaims(
            aud: configuration.clientID, iss: "https://login.microsoftonline.com/\(account.tenantID)/v2.0",
            oid: account.id, tid: account.tenantID, sub: OutlookIDs.random(43), preferredUsername: account.address,
            name: account.displayName, email: includeEmail ? account.address : nil, iat: now, nbf: now, exp: now + 3600)
        let payload = (try? JSONEncoder().encode(claims)) ?? Data()
        let header = Self.base64URL(Array(#"{"typ":"JWT","alg":"HS256","kid":"emulator"}"#.utf8))
        let signingInput = header + "." + Self.base64URL(Array(payload))
        let key = SymmetricKey(data: Array(configuration.clientSecret.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Self.base64URL(Array(signature))
    }

    private func tokenError(_ status: Int, _ error: String, _ code: Int, _ text: String, suberror: String? = nil)
        -> (status: Int, body: [UInt8])
    {
        let trace = UUID().uuidString.lowercased()
        let body = MicrosoftTokenErrorJSON(
            error: error,
            errorDescription:
                "AADSTS\(code): \(text) Trace ID: \(trace) Correlation ID: \(trace) Timestamp: \(GraphDateText.iso(Date()))",
            errorCodes: [code], timestamp: GraphDateText.iso(Date()), traceID: trace, correlationID: trace,
            suberror: suberror)
        return (status, (try? Array(JSONEncoder().encode(body))) ?? [])
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func publicAccount(_ account: OutlookAccount) -> MicrosoftEmulatorAccount {
        MicrosoftEmulatorAccount(
            id: account.id, tenantID: account.tenantID, address: account.address, displayName: account.displayName,
            aliases: account.aliases)
    }

    /// The grant behind a bearer token, or the 401 Graph answers.
    func grant(forBearer header: String?) throws -> MicrosoftTokenGrant {
        guard let header, header.hasPrefix("Bearer "), let grant = accessTokens[String(header.dropFirst(7))] else {
            throw GraphFailure(401, "InvalidAuthenticationToken", "Access token is empty or not valid.")
        }
        guard grant.expiresAt > Date() else {
            throw GraphFailure(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.")
        }
        return grant
    }
}
