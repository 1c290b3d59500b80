import Emulators
import Foundation
import Providers
import Testing

/// `TokenManager` and `ConnectedMailbox` over the Gmail client and the emulator: refresh after
/// a 401, rotation, and a revoked grant.
@Suite struct TokenManagerContractTests {
    /// Connects anna@example.com and keeps the grant's tokens as connection `c1`.
    private func connect(_ google: GoogleHarness) async throws -> (
        grant: ProviderGrant, store: InMemoryTokenStore,
        mailbox: ConnectedMailbox<GmailProvider, InMemoryTokenStore>
    ) {
        let grant = try await google.connect("anna@example.com")
        let store = InMemoryTokenStore([
            "c1": StoredTokens(
                accessToken: grant.tokens.accessToken, refreshToken: grant.tokens.refreshToken,
                expiresAt: grant.tokens.expiresAt, accountID: grant.account.id)
        ])
        return (
            grant, store, ConnectedMailbox(provider: google.gmail, connection: "c1", tokens: TokenManager(store: store))
        )
    }

    @Test func unauthorizedIsFollowedByOneRefreshAndASuccessfulRetry() async throws {
        try await GoogleHarness.run { google in
            let (grant, store, mailbox) = try await connect(google)
            try await google.control(.POST, "accounts/anna@example.com/expire-access-tokens")
            let profile = try await mailbox.profile()
            #expect(profile.address == "anna@example.com")
            let saves = await store.saves
            #expect(saves.count == 1)
            #expect(saves.first?.accessToken != grant.tokens.accessToken)
            #expect(saves.first?.refreshToken == grant.tokens.refreshToken)

            try await google.injectFault("gmail.users.getProfile", status: 401)
            _ = try await mailbox.currentCursor()
            #expect(await store.saves.count == 2)
            #expect(await store.reauthMarks.isEmpty)
        }
    }

    @Test func revokedGrantSurfacesAsNeedsReauthAfterOneRefreshAttempt() async throws {
        try await GoogleHarness.run { google in
            let (_, store, mailbox) = try await connect(google)
            try await google.control(.POST, "accounts/anna@example.com/revoke")
            let error = await #expect(throws: ProviderError.self) { try await mailbox.currentCursor() }
            #expect(error?.code == .needsReauth)
            #expect(error?.providerCode == "invalid_grant")
            #expect(await store.saves.isEmpty)
            #expect(await store.reauthMarks == ["c1"])
            let again = await #expect(throws: ProviderError.self) { try await mailbox.currentCursor() }
            #expect(again?.code == .needsReauth)
            #expect(await store.reauthMarks == ["c1"])
        }
    }

    @Test func rotatedRefreshTokenIsSavedBeforeTheNewAccessTokenIsUsed() async throws {
        try await GoogleHarness.run(settings: GoogleEmulatorSettings(rotateRefreshTokens: true)) { google in
            let (grant, store, mailbox) = try await connect(google)
            try await google.control(.POST, "accounts/anna@example.com/expire-access-tokens")
            _ = try await mailbox.profile()
            let saved = try #require(await store.saves.last)
            #expect(saved.refreshToken != grant.tokens.refreshToken)
            let old = try #require(grant.tokens.refreshToken)
            let error = await #expect(throws: ProviderError.self) {
                try await google.gmail.refreshTokens(refreshToken: old)
            }
            #expect(error?.code == .needsReauth)
            #expect(
                try await google.gmail.refreshTokens(refreshToken: try #require(saved.refreshToken)).accessToken != "")
        }
    }

    @Test func tokensExpiringWithinTheMarginAreRefreshedBeforeTheCall() async throws {
        try await GoogleHarness.run(settings: GoogleEmulatorSettings(accessTokenLifetime: 120)) { google in
            let store = try await connect(google).store
            let manager = TokenManager(store: store, refreshMargin: 300)
            #expect(try await manager.refreshIfExpiring("c1", provider: google.gmail))
            #expect(await store.saves.count == 1)
        }
    }
}
