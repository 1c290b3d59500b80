import Foundation
import Providers
import Testing

/// `TokenManager` as a state machine over an in-memory store and a scripted provider.
@Suite struct TokenManagerTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func stored(expiresIn seconds: TimeInterval, access: String = "old-access", refresh: String? = "r1")
        -> StoredTokens
    {
        StoredTokens(
            accessToken: access, refreshToken: refresh, expiresAt: now.addingTimeInterval(seconds), accountID: "acct")
    }

    private func fresh(_ access: String, refresh: String? = nil) -> Result<OAuthTokens, ProviderError> {
        .success(
            OAuthTokens(accessToken: access, refreshToken: refresh, expiresAt: now.addingTimeInterval(3600), scopes: [])
        )
    }

    @Test func aTokenOutsideTheMarginIsUsedAsIs() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: 3000)])
        let script = ScriptedRefreshProvider.Script([fresh("new")])
        let manager = TokenManager(store: store, refreshMargin: 300, now: { [now] in now })
        let access = try await manager.access(for: "c", provider: ScriptedRefreshProvider(script: script))
        #expect(access == MailboxAccess(accessToken: "old-access", accountID: "acct"))
        #expect(await script.calls == 0)
    }

    @Test func aTokenExpiringWithinTheMarginIsRefreshedAndSaved() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: 200)])
        let script = ScriptedRefreshProvider.Script([fresh("new")])
        let manager = TokenManager(store: store, refreshMargin: 300, now: { [now] in now })
        let access = try await manager.access(for: "c", provider: ScriptedRefreshProvider(script: script))
        #expect(access.accessToken == "new")
        #expect(await store.saves.map(\.refreshToken) == ["r1"])
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: -10)])
        let (gate, open) = AsyncStream<Void>.makeStream()
        let script = ScriptedRefreshProvider.Script([fresh("new")], gate: gate)
        let manager = TokenManager(store: store, now: { [now] in now })
        let provider = ScriptedRefreshProvider(script: script)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await manager.access(for: "c", provider: provider).accessToken }
            }
            #expect(try await eventually { await script.calls == 1 })
            open.yield()
            open.finish()
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "new", count: 8))
        #expect(await script.calls == 1)
        #expect(await store.saves.count == 1)
    }

    @Test func aRotatedRefreshTokenIsSavedWithTheNewAccessToken() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: -10)])
        let script = ScriptedRefreshProvider.Script([fresh("new", refresh: "r2")])
        let manager = TokenManager(store: store, now: { [now] in now })
        _ = try await manager.access(for: "c", provider: ScriptedRefreshProvider(script: script))
        let saved = try #require(await store.tokens(for: "c"))
        #expect(saved.accessToken == "new" && saved.refreshToken == "r2")
    }

    @Test func aRejectedRefreshMarksTheConnectionAndThrowsNeedsReauth() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: -10)])
        let script = ScriptedRefreshProvider.Script([
            .failure(ProviderError(.needsReauth, providerCode: "invalid_grant"))
        ])
        let manager = TokenManager(store: store, now: { [now] in now })
        let error = await #expect(throws: ProviderError.self) {
            try await manager.access(for: "c", provider: ScriptedRefreshProvider(script: script))
        }
        #expect(error?.code == .needsReauth)
        #expect(await store.reauthMarks == ["c"])
        #expect(await store.tokens(for: "c")?.needsReauth == true)
        let later = await #expect(throws: ProviderError.self) {
            try await manager.access(for: "c", provider: ScriptedRefreshProvider(script: script))
        }
        #expect(later?.code == .needsReauth)
        #expect(await script.calls == 1)
    }

    @Test func aTransientRefreshFailureLeavesTheConnectionAlone() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: -10)])
        let script = ScriptedRefreshProvider.Script([.failure(ProviderError(.transient)), fresh("new")])
        let manager = TokenManager(store: store, now: { [now] in now })
        let provider = ScriptedRefreshProvider(script: script)
        await #expect(throws: ProviderError.self) { try await manager.access(for: "c", provider: provider) }
        #expect(await store.reauthMarks.isEmpty)
        #expect(try await manager.access(for: "c", provider: provider).accessToken == "new")
    }

    @Test func unauthorizedTwiceInARowBecomesNeedsReauth() async throws {
        let store = InMemoryTokenStore(["c": stored(expiresIn: 3000)])
        let script = ScriptedRefreshProvider.Script([fresh("new")])
        let manager = TokenManager(store: store, now: { [now] in now })
        let error = await #expect(throws: ProviderError.self) {
            try await manager.withAccess(for: "c", provider: ScriptedRefreshProvider(script: script)) { _ -> Int in
                throw ProviderError(.unauthorized, httpStatus: 401)
            }
        }
        #expect(error?.code == .needsReauth)
        #expect(await script.calls == 1)
        #expect(await store.reauthMarks == ["c"])
    }

    @Test func aConnectionWithoutTokensNeedsReauth() async throws {
        let manager = TokenManager(store: InMemoryTokenStore(), now: { [now] in now })
        let script = ScriptedRefreshProvider.Script([fresh("new")])
        let error = await #expect(throws: ProviderError.self) {
            try await manager.access(for: "missing", provider: ScriptedRefreshProvider(script: script))
        }
        #expect(error?.code == .needsReauth)
    }
}
