import Foundation
import Postgres
import Providers
import Store
import SyncCore

/// The providers' `TokenStore` over the connections table: tokens sealed at rest, one refresh at
/// a time per connection across every process (a session advisory lock held while the refresh
/// runs), rotated tokens saved in one statement before use, a rejected grant recorded as
/// `needs_reauth` with a `connection.status_changed` event.
public struct PostgresTokenStore: TokenStore {
    let store: Store

    /// Creates the token store.
    public init(store: Store) {
        self.store = store
    }

    public func tokens(for connection: ConnectionRef) async throws -> StoredTokens? {
        try await store.withTenant(connection.scope) { tx in
            guard let row = try await tx.connections.get(connection.connectionID), row.status.isActive,
                let mailbox = try await tx.mailboxes.get(row.mailboxID)
            else { return nil }
            let tokens = try await tx.connections.tokens(connection.connectionID)
            guard let access = tokens.accessToken else { return nil }
            return StoredTokens(
                accessToken: access.value, refreshToken: tokens.refreshToken?.value,
                expiresAt: tokens.expiresAt ?? .distantPast, accountID: mailbox.providerAccountID,
                needsReauth: row.status == .needsReauth)
        }
    }

    public func withRefreshLock<T: Sendable>(
        on connection: ConnectionRef, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await store.client.withConnection { database in
            let key = "token-refresh:\(connection.connectionID.uuidString)"
            try await database.query("SELECT pg_advisory_lock(hashtextextended(\(key), 0))")
            do {
                let value = try await body()
                try await database.query("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))")
                return value
            } catch {
                _ = try? await database.query("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))")
                throw error
            }
        }
    }

    public func save(_ tokens: StoredTokens, for connection: ConnectionRef) async throws {
        try await store.withTenant(connection.scope) { tx in
            try await tx.connections.updateTokens(
                connection.connectionID,
                ConnectionTokens(
                    accessToken: SecretText(tokens.accessToken), refreshToken: tokens.refreshToken.map(SecretText.init),
                    expiresAt: tokens.expiresAt))
        }
    }

    public func markNeedsReauth(_ connection: ConnectionRef) async throws {
        try await store.withTenant(connection.scope) { tx in
            try await tx.connections.markNeedsReauth(
                connection.connectionID, error: "The mailbox provider no longer accepts this connection. Connect again.")
            try await tx.events.append(
                ConnectionStatusChanged.eventType,
                payload: ConnectionStatusChanged(connectionID: connection.connectionID, status: "needs_reauth"))
        }
    }
}
