import Foundation

/// Hands out current access tokens for connections and refreshes them: ahead of expiry, once per
/// connection at a time (in this process by joining the refresh under way, across processes by
/// the store's lock), saving rotated tokens before use, and turning a rejected refresh into
/// `needsReauth`. Every provider call of both providers goes through `withAccess`.
///
/// ```swift
/// let page = try await tokens.withAccess(for: key, provider: gmail) { access in
///     try await gmail.changes(since: cursor, access: access)
/// }
/// ```
public struct TokenManager<Store: TokenStore>: Sendable {
    /// The store of tokens.
    public let store: Store
    /// How long before expiry a token counts as expiring and is refreshed.
    public let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private let gate = RefreshGate<Store.ConnectionKey>()

    /// Creates a manager; `now` is swappable for tests.
    public init(store: Store, refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// A usable access token for the connection, refreshed first if it expires within the margin.
    /// Throws `needsReauth` when the connection has no usable grant.
    public func access(for connection: Store.ConnectionKey, provider: some MailProvider) async throws
        -> MailboxAccess
    {
        guard let current = try await store.tokens(for: connection), !current.needsReauth else {
            throw ProviderError(.needsReauth)
        }
        if isFresh(current) { return current.access }
        return try await refresh(connection, provider: provider, rejectedAccessToken: nil).access
    }

    /// Runs one provider call with a current token; when the provider answers `unauthorized`, it
    /// refreshes once and retries once, and a second `unauthorized` becomes `needsReauth`.
    public func withAccess<T: Sendable>(
        for connection: Store.ConnectionKey, provider: some MailProvider,
        _ call: @Sendable (MailboxAccess) async throws -> T
    ) async throws -> T {
        let access = try await access(for: connection, provider: provider)
        do {
            return try await call(access)
        } catch let error as ProviderError where error.code == .unauthorized {
            let refreshed = try await refresh(connection, provider: provider, rejectedAccessToken: access.accessToken)
            do {
                return try await call(refreshed.access)
            } catch let again as ProviderError where again.code == .unauthorized {
                try await store.markNeedsReauth(connection)
                throw ProviderError(.needsReauth, providerCode: again.providerCode, httpStatus: again.httpStatus)
            }
        }
    }

    /// Refreshes the connection's token if it expires within the margin (the sync engine's
    /// `token.refresh` job); returns whether it refreshed.
    @discardableResult
    public func refreshIfExpiring(_ connection: Store.ConnectionKey, provider: some MailProvider) async throws -> Bool {
        guard let current = try await store.tokens(for: connection), !current.needsReauth else {
            throw ProviderError(.needsReauth)
        }
        if isFresh(current) { return false }
        _ = try await refresh(connection, provider: provider, rejectedAccessToken: nil)
        return true
    }

    private func isFresh(_ tokens: StoredTokens) -> Bool {
        tokens.expiresAt > now().addingTimeInterval(refreshMargin)
    }

    /// One refresh per connection: callers in this process join the one under way; other
    /// processes wait on the store's lock and then find fresh tokens.
    private func refresh(
        _ connection: Store.ConnectionKey, provider: some MailProvider, rejectedAccessToken: String?
    ) async throws -> StoredTokens {
        try await gate.run(for: connection) {
            try await store.withRefreshLock(on: connection) {
                try await refreshHoldingLock(connection, provider: provider, rejectedAccessToken: rejectedAccessToken)
            }
        }
    }

    private func refreshHoldingLock(
        _ connection: Store.ConnectionKey, provider: some MailProvider, rejectedAccessToken: String?
    ) async throws -> StoredTokens {
        guard let current = try await store.tokens(for: connection), !current.needsReauth else {
            throw ProviderError(.needsReauth)
        }
        if current.accessToken != rejectedAccessToken, isFresh(current) { return current }
        guard let refreshToken = current.refreshToken else {
            try await store.markNeedsReauth(connection)
            throw ProviderError(.needsReauth)
        }
        let fresh: OAuthTokens
        do {
            fresh = try await provider.refreshTokens(refreshToken: refreshToken)
        } catch let error as ProviderError where error.code == .needsReauth {
            try await store.markNeedsReauth(connection)
            throw error
        }
        let updated = StoredTokens(
            accessToken: fresh.accessToken, refreshToken: fresh.refreshToken ?? refreshToken,
            expiresAt: fresh.expiresAt, accountID: current.accountID)
        try await store.save(updated, for: connection)
        return updated
    }
}
