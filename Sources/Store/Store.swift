import Postgres
import SyncCore

/// The service's access to its tables: every tenant query runs in a transaction scoped to one
/// tenant, which row-level security enforces; secrets are sealed and opened with the keyring.
///
/// ```swift
/// let store = Store(client: database, keyring: keyring)
/// let contact = try await store.withTenant(.subAccount(subAccountID, of: agencyID)) { tx in
///     try await tx.contacts.create(email: "anna@example.com", name: "Anna", source: .crm)
/// }
/// ```
public struct Store: Sendable {
    /// The pool, connected as the runtime role (`mailsync_app`).
    public let client: PostgresClient
    /// The keys that seal secrets at rest.
    public let keyring: Keyring

    /// Creates a store over a pool and a keyring (verified at start-up with ``Keyring/verify(on:)``).
    public init(client: PostgresClient, keyring: Keyring) {
        self.client = client
        self.keyring = keyring
    }

    /// Runs `body` in one transaction scoped to `scope` (both `mailsync.*` settings set for it):
    /// commit when it returns, roll back when it throws.
    @discardableResult
    public func withTenant<T: Sendable>(
        _ scope: TenantScope,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await client.withTransaction(settings: TenantTransaction.settings(for: scope), isolation: isolation) { connection in
            try await body(TenantTransaction(connection: connection, scope: scope, keyring: keyring))
        }
    }

    /// Runs `body` in one transaction with no tenant: only global tables (mailboxes) are visible
    /// outside ``StoreTransaction/withTenant(_:isolation:_:)`` (a mailbox sync's fan-out).
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (StoreTransaction) async throws -> T
    ) async throws -> T {
        try await client.withTransaction(isolation: isolation) { connection in
            try await body(StoreTransaction(connection: connection, keyring: keyring))
        }
    }

    /// The lookups that find a request's tenant before it is known.
    public var routing: RoutingLookup { RoutingLookup(client: client, keyring: keyring) }
}
