import Foundation
import Postgres
import SyncCore

/// One open transaction scoped to one tenant, and the repositories that work in it.
///
/// Every repository query also names the scope's tenant in its `WHERE`, so it reads what row-level
/// security would allow anyway, and uses the tenant-first indexes.
public struct TenantTransaction: Sendable {
    /// The transaction's connection, for queries no repository covers.
    public let connection: PostgresConnection
    /// The tenant this transaction acts for.
    public let scope: TenantScope
    /// The keys that seal and open secrets.
    public let keyring: Keyring

    init(connection: PostgresConnection, scope: TenantScope, keyring: Keyring) {
        self.connection = connection
        self.scope = scope
        self.keyring = keyring
    }

    /// Runs `body` in this same transaction scoped to another tenant (`set_config` again), then
    /// returns to this transaction's scope. A mailbox sync writes each connection's share this way.
    @discardableResult
    public func withScope<T: Sendable>(
        _ scope: TenantScope,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await Self.run(in: scope, thenBackTo: self.scope, on: connection, keyring: keyring, body)
    }

    /// The scope's agency.
    public var agency: AgencyRepository { AgencyRepository(self) }
    /// Sub-accounts of the scope's agency (only the scope's own one in a sub-account scope).
    public var subAccounts: SubAccountRepository { SubAccountRepository(self) }
    /// The agency's users and their memberships in the scope's sub-account.
    public var users: UserRepository { UserRepository(self) }
    /// The sub-account's contacts.
    public var contacts: ContactRepository { ContactRepository(self) }
    /// The sub-account-level email provider.
    public var emailProvider: EmailProviderSettingsRepository { EmailProviderSettingsRepository(self) }
    /// The sub-account's connections and their tokens.
    public var connections: ConnectionRepository { ConnectionRepository(self) }
    /// Mailboxes (global rows).
    public var mailboxes: MailboxRepository { MailboxRepository(connection: connection) }
    /// The agency's API keys.
    public var apiKeys: APIKeyRepository { APIKeyRepository(self) }
    /// The sub-account's outgoing events (webhooks to the CRM).
    public var events: EventRepository { EventRepository(self) }
    /// The sub-account's pending OAuth authorizations.
    public var oauthStates: OAuthStateRepository { OAuthStateRepository(self) }
    /// The sub-account's conversations (one per contact) and the threads they show.
    public var conversations: ConversationRepository { ConversationRepository(self) }
    /// The sub-account's CRM threads and the provider threads mapped to them.
    public var threads: ThreadRepository { ThreadRepository(self) }
    /// The sub-account's synced messages, their attachments and message maps.
    public var messages: MessageRepository { MessageRepository(self) }
    /// Why each mailbox message was synced or skipped.
    public var syncDecisions: SyncDecisionRepository { SyncDecisionRepository(self) }

    /// The scope's sub-account, or ``StoreError/Code/subAccountRequired`` for an agency-level scope.
    func requireSubAccount() throws -> UUID {
        guard let id = scope.subAccountID else { throw StoreError(.subAccountRequired) }
        return id
    }

    /// The transaction-local settings the row-level security policies read.
    static func settings(for scope: TenantScope) -> KeyValuePairs<String, String> {
        [
            "mailsync.agency_id": scope.agencyID.uuidString,
            "mailsync.sub_account_id": scope.subAccountID?.uuidString ?? "",
        ]
    }

    /// Runs `body` scoped to `scope` on an open transaction, then sets `previous` again (nil: no tenant).
    static func run<T: Sendable>(
        in scope: TenantScope, thenBackTo previous: TenantScope?, on connection: PostgresConnection, keyring: Keyring,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await apply(scope, on: connection)
        let value = try await body(TenantTransaction(connection: connection, scope: scope, keyring: keyring))
        try await apply(previous, on: connection)
        return value
    }

    /// Sets both settings for the rest of the transaction; nil clears them (no tenant).
    static func apply(_ scope: TenantScope?, on connection: PostgresConnection) async throws {
        let agency = scope?.agencyID.uuidString ?? ""
        let subAccount = scope?.subAccountID?.uuidString ?? ""
        try await connection.query(
            """
            SELECT set_config('mailsync.agency_id', \(agency), true), set_config('mailsync.sub_account_id', \(subAccount), true)
            """)
    }
}
