import Postgres
import SyncCore

/// One open transaction with no tenant set: it sees global rows (mailboxes and their cursors)
/// and no tenant row outside ``withTenant(_:isolation:_:)``.
///
/// A mailbox sync works this way: it fetches once, then writes each active connection's share in
/// that connection's scope and advances the mailbox's cursor, all in this one transaction.
public struct StoreTransaction: Sendable {
    /// The transaction's connection.
    public let connection: PostgresConnection
    /// The keys that seal and open secrets.
    public let keyring: Keyring

    init(connection: PostgresConnection, keyring: Keyring) {
        self.connection = connection
        self.keyring = keyring
    }

    /// Mailboxes and their cursors.
    public var mailboxes: MailboxRepository { MailboxRepository(connection: connection) }

    /// Runs `body` in this same transaction scoped to `scope`, then clears the tenant again.
    @discardableResult
    public func withTenant<T: Sendable>(
        _ scope: TenantScope,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await TenantTransaction.run(in: scope, thenBackTo: nil, on: connection, keyring: keyring, body)
    }
}
