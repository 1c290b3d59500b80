/// Where a connection's tokens live; `Store` implements it over Postgres (tokens encrypted at
/// rest), tests over memory. `TokenManager` is its only caller.
public protocol TokenStore: Sendable {
    /// How the store names a connection (e.g. sub-account id plus connection id).
    associatedtype ConnectionKey: Hashable & Sendable

    /// The connection's current tokens; nil when it has none (disconnected or never connected).
    func tokens(for connection: ConnectionKey) async throws -> StoredTokens?

    /// Runs `body` while holding the connection's refresh lock, so one refresh runs at a time per
    /// connection across every process (Postgres: `pg_advisory_xact_lock` on the connection).
    func withRefreshLock<T: Sendable>(
        on connection: ConnectionKey, _ body: @Sendable () async throws -> T
    ) async throws -> T

    /// Replaces the connection's tokens with `tokens` in one atomic write, before they are used,
    /// so a rotated refresh token is never lost.
    func save(_ tokens: StoredTokens, for connection: ConnectionKey) async throws

    /// Records that the provider rejected the grant: the connection becomes `needs_reauth` and its
    /// jobs stop until the user connects again.
    func markNeedsReauth(_ connection: ConnectionKey) async throws
}
