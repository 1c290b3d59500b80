import AsyncHTTPClient
import Emulators
import Foundation
import Providers
import Testing

/// The OAuth 2.0 v2 authorization-code flow with PKCE against the emulated identity platform.
@Suite struct GraphOAuthTests {
    @Test func authorizationURLCarriesPKCEScopesAndTheTenantPath() throws {
        let client = GraphClient(
            configuration: MicrosoftConfiguration(clientID: "app", clientSecret: "secret"), httpClient: .shared)
        let url = client.authorizationURL(
            for: AuthorizationRequest(
                redirectURI: "https://crm.test/cb", state: "s+1", codeChallenge: "abc", loginHint: "a@b.test"))
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        #expect(url.absoluteString.hasPrefix("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?"))
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"] == "abc")
        #expect(query["response_type"] == "code")
        #expect(query["state"] == "s+1")
        #expect(components.percentEncodedQuery?.contains("state=s%2B1") == true)
        #expect(query["login_hint"] == "a@b.test")
        let scopes = Set((query["scope"] ?? "").split(separator: " ").map(String.init))
        #expect(
            scopes.isSuperset(of: [
                "offline_access", "openid", "email", "https://graph.microsoft.com/Mail.ReadWrite",
                "https://graph.microsoft.com/Mail.Send",
            ]))
    }

    @Test func codeExchangeNamesTheAccountByItsObjectID() async throws {
        try await GraphFixture.with { fixture in
            let connected = try await fixture.connect("ada@contoso.test")
            #expect(connected.grant.account.id == connected.account.id)
            #expect(connected.grant.account.provider == .microsoft)
            #expect(connected.grant.account.address == "ada@contoso.test")
            #expect(connected.grant.tokens.refreshToken != nil)
            #expect(connected.grant.tokens.expiresAt > Date())
        }
    }

    @Test func untickedScopeIsReportedAsInsufficientScope() async throws {
        try await GraphFixture.with { fixture in
            await fixture.state.createAccount(address: "bob@contoso.test")
            await fixture.state.setConsent(MicrosoftEmulatorConsent(mode: .approve, dropScopes: ["Mail.Send"]))
            let pkce = PKCE()
            let code = try #require(try await fixture.authorize(loginHint: "bob@contoso.test", pkce: pkce)["code"])
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.exchangeCode(
                    code, codeVerifier: pkce.verifier, redirectURI: GraphFixture.redirectURI)
            }
            #expect(error?.code == .insufficientScope)
            #expect(error?.missingScopes == ["Mail.Send"])
        }
    }

    @Test func deniedConsentComesBackAsConsentDenied() async throws {
        try await GraphFixture.with { fixture in
            await fixture.state.createAccount(address: "cy@contoso.test")
            await fixture.state.setConsent(MicrosoftEmulatorConsent(mode: .deny))
            let redirect = try await fixture.authorize(loginHint: "cy@contoso.test", pkce: PKCE())
            #expect(redirect["code"] == nil)
            #expect(redirect["state"] == "state-1")
            let error = GraphClient.authorizationError(
                error: try #require(redirect["error"]), description: redirect["error_description"])
            #expect(error.code == .consentDenied)
            #expect(error.providerCode == "AADSTS65004")
        }
    }

    @Test func missingConsentAtTheTokenEndpointSurfacesAADSTS65001() async throws {
        try await GraphFixture.with { fixture in
            await fixture.state.createAccount(address: "di@contoso.test")
            let pkce = PKCE()
            let code = try #require(try await fixture.authorize(loginHint: "di@contoso.test", pkce: pkce)["code"])
            await fixture.state.failNextTokenRequest(aadstsCode: 65001)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.exchangeCode(
                    code, codeVerifier: pkce.verifier, redirectURI: GraphFixture.redirectURI)
            }
            #expect(error?.code == .consentDenied)
            #expect(error?.providerCode == "AADSTS65001")
            #expect(error.map { String(describing: $0) }?.contains("AADSTS65001") == true)
        }
    }

    @Test func wrongCodeVerifierIsRefused() async throws {
        try await GraphFixture.with { fixture in
            await fixture.state.createAccount(address: "ed@contoso.test")
            let code = try #require(try await fixture.authorize(loginHint: "ed@contoso.test", pkce: PKCE())["code"])
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.exchangeCode(
                    code, codeVerifier: PKCE().verifier, redirectURI: GraphFixture.redirectURI)
            }
            #expect(error?.code == .permanent)
            #expect(error?.providerCode == "AADSTS501481")
        }
    }

    @Test func manualConsentPageOffersACheckboxPerScope() async throws {
        try await GraphFixture.with { fixture in
            await fixture.state.createAccount(address: "fay@contoso.test")
            await fixture.state.setConsent(MicrosoftEmulatorConsent(mode: .manual))
            let url = fixture.client.authorizationURL(
                for: AuthorizationRequest(
                    redirectURI: GraphFixture.redirectURI, state: "s", codeChallenge: PKCE().challenge))
            let response = try await fixture.browser.execute(
                HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
            let page = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(response.status == .ok)
            #expect(page.contains("value=\"Mail.Send\" checked"))
            #expect(page.contains("value=\"Mail.ReadWrite\" checked"))
            #expect(page.contains("name=\"action\" value=\"cancel\""))
        }
    }

    @Test func rotatedRefreshTokenIsStoredBeforeUseAndTheOldOneStopsWorking() async throws {
        try await GraphFixture.with { fixture in
            let connected = try await fixture.connect("gus@contoso.test")
            let original = try #require(connected.grant.tokens.refreshToken)
            let store = MemoryTokenStore(holding: connected.grant, expiresAt: .distantPast)
            let manager = TokenManager(store: store)
            let profile = try await manager.withAccess(for: "connection", provider: fixture.client) { access in
                try await fixture.client.profile(access: access)
            }
            #expect(profile.address == "gus@contoso.test")
            let saved = try #require(try await store.tokens(for: "connection"))
            #expect(saved.refreshToken != original)
            #expect(saved.refreshToken != nil)
            #expect(await store.saves == 1)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.refreshTokens(refreshToken: original)
            }
            #expect(error?.code == .needsReauth)
            #expect(error?.providerCode == "AADSTS70000")
        }
    }

    @Test func revokedGrantMovesTheConnectionToNeedsReauth() async throws {
        try await GraphFixture.with { fixture in
            let connected = try await fixture.connect("hal@contoso.test")
            let store = MemoryTokenStore(holding: connected.grant, expiresAt: .distantPast)
            try await fixture.state.revokeGrant(account: connected.account.id)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await TokenManager(store: store).access(for: "connection", provider: fixture.client)
            }
            #expect(error?.code == .needsReauth)
            #expect(try await store.tokens(for: "connection")?.needsReauth == true)
        }
    }

    @Test func expiredAccessTokenIsRefreshedOnceAndTheCallRetried() async throws {
        try await GraphFixture.with { fixture in
            let connected = try await fixture.connect("ivy@contoso.test")
            let store = MemoryTokenStore(holding: connected.grant, expiresAt: .distantFuture)
            try await fixture.state.expireAccessTokens(account: connected.account.id)
            let profile = try await TokenManager(store: store).withAccess(for: "connection", provider: fixture.client) {
                try await fixture.client.profile(access: $0)
            }
            #expect(profile.address == "ivy@contoso.test")
            #expect(try await store.tokens(for: "connection")?.accessToken != connected.grant.tokens.accessToken)
        }
    }

    @Test func revokeIsANoOpBecauseMicrosoftHasNoPerAppRevocation() async throws {
        let client = GraphClient(
            configuration: MicrosoftConfiguration(
                clientID: "app", clientSecret: "secret", loginURL: "http://127.0.0.1:9"),
            httpClient: .shared)
        #expect(client.supportsRevocation == false)
        try await client.revoke(token: "anything")
    }
}

/// Tokens in memory, counting saves.
actor MemoryTokenStore: TokenStore {
    private var tokens: [String: StoredTokens] = [:]
    private(set) var saves = 0

    /// A store whose connection `"connection"` holds the grant's tokens, expiring at `expiresAt`.
    init(holding grant: ProviderGrant, expiresAt: Date) {
        tokens["connection"] = StoredTokens(
            accessToken: grant.tokens.accessToken, refreshToken: grant.tokens.refreshToken, expiresAt: expiresAt,
            accountID: grant.account.id)
    }

    func tokens(for connection: String) async throws -> StoredTokens? {
        tokens[connection]
    }

    func withRefreshLock<T: Sendable>(on connection: String, _ body: @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    func save(_ stored: StoredTokens, for connection: String) async throws {
        saves += 1
        tokens[connection] = stored
    }

    func markNeedsReauth(_ connection: String) async throws {
        tokens[connection]?.needsReauth = true
    }
}
