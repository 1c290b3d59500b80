import Emulators
import Foundation
import Providers
import Testing

/// The OAuth 2.0 web-server flow of `GmailProvider` against the emulator over real HTTP.
@Suite struct GmailOAuthContractTests {
    @Test func authorizationURLCarriesOfflineConsentPKCEStateAndLoginHint() throws {
        let gmail = GmailProvider(
            configuration: GoogleConfiguration(clientID: "client-1", clientSecret: "s"), httpClient: .shared)
        let url = gmail.authorizationURL(
            for: AuthorizationRequest(
                redirectURI: "https://crm.example/cb", state: "st+/=", codeChallenge: "abc",
                loginHint: "anna@example.com"))
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        #expect(url.absoluteString.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?"))
        #expect(components.queryItem("access_type") == "offline")
        #expect(components.queryItem("prompt") == "consent")
        #expect(components.queryItem("response_type") == "code")
        #expect(components.queryItem("code_challenge_method") == "S256")
        #expect(components.queryItem("code_challenge") == "abc")
        #expect(components.queryItem("state") == "st+/=")
        #expect(components.queryItem("login_hint") == "anna@example.com")
        #expect(
            components.queryItem("scope")
                == "https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.send openid email"
        )
    }

    @Test func codeExchangeReturnsTokensGrantedScopesAndTheStableAccountID() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            #expect(grant.account.provider == .gmail)
            #expect(grant.account.id.count == 21)
            #expect(grant.account.address == "anna@example.com")
            #expect(grant.tokens.refreshToken != nil)
            #expect(grant.tokens.expiresAt > Date().addingTimeInterval(3000))
            #expect(grant.tokens.scopes.contains("https://www.googleapis.com/auth/gmail.send"))
            let again = try await google.connect("anna@example.com")
            #expect(again.account.id == grant.account.id)
        }
    }

    @Test func grantWithoutGmailSendIsInsufficientScope() async throws {
        try await GoogleHarness.run { google in
            let error = await #expect(throws: ProviderError.self) {
                try await google.connect("bob@example.com", withheld: ["https://www.googleapis.com/auth/gmail.send"])
            }
            #expect(error?.code == .insufficientScope)
            #expect(error?.missingScopes == ["https://www.googleapis.com/auth/gmail.send"])
        }
    }

    @Test func deniedConsentRedirectsWithAccessDeniedAndTheState() async throws {
        try await GoogleHarness.run { google in
            try await google.createAccount("carl@example.com")
            try await google.control(.PUT, "accounts/carl@example.com/consent", json: ["decision": "deny"])
            let location = try await google.consentRedirect(
                AuthorizationRequest(
                    redirectURI: GoogleHarness.redirectURI, state: "s1", codeChallenge: PKCE().challenge,
                    loginHint: "carl@example.com"))
            #expect(location.queryItem("error") == "access_denied")
            #expect(location.queryItem("state") == "s1")
            #expect(location.queryItem("code") == nil)
        }
    }

    @Test func codeExchangeWithTheWrongVerifierIsRejected() async throws {
        try await GoogleHarness.run { google in
            try await google.createAccount("dora@example.com")
            try await google.control(.PUT, "accounts/dora@example.com/consent", json: ["decision": "approve"])
            let location = try await google.consentRedirect(
                AuthorizationRequest(
                    redirectURI: GoogleHarness.redirectURI, state: "s", codeChallenge: PKCE().challenge,
                    loginHint: "dora@example.com"))
            let code = try #require(location.queryItem("code"))
            let error = await #expect(throws: ProviderError.self) {
                try await google.gmail.exchangeCode(
                    code, codeVerifier: PKCE().verifier, redirectURI: GoogleHarness.redirectURI)
            }
            #expect(error?.code == .permanent)
            #expect(error?.providerCode == "invalid_grant")
        }
    }

    @Test func refreshGivesANewAccessTokenAndRevokeEndsTheGrant() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("erik@example.com")
            let refreshToken = try #require(grant.tokens.refreshToken)
            let refreshed = try await google.gmail.refreshTokens(refreshToken: refreshToken)
            #expect(refreshed.accessToken != grant.tokens.accessToken)
            #expect(refreshed.refreshToken == nil)
            try await google.gmail.revoke(token: refreshToken)
            try await google.gmail.revoke(token: refreshToken)
            let error = await #expect(throws: ProviderError.self) {
                try await google.gmail.refreshTokens(refreshToken: refreshToken)
            }
            #expect(error?.code == .needsReauth)
        }
    }
}
