import Foundation
import Postgres
import SyncCore

/// The scope's sub-account's connections, with their tokens sealed at rest.
///
/// A user has at most one active (connected or needs_reauth) connection per sub-account; a
/// unique index holds that even under concurrent connects.
public struct ConnectionRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    static let columns = """
        sub_account_id, id, user_id, mailbox_id, status, token_expires_at, granted_scopes, superseded_at, superseded_by, \
        disconnected_at, last_error, last_error_at, last_synced_at, created_at
        """

    /// A connection by id.
    public func get(_ id: UUID) async throws -> Connection? {
        try await select("WHERE sub_account_id = $1 AND id = $2", id.postgresBind).first
    }

    /// The user's active connection, if any.
    public func active(userID: UUID) async throws -> Connection? {
        try await select(
            "WHERE sub_account_id = $1 AND user_id = $2 AND status IN ('connected', 'needs_reauth')", userID.postgresBind
        ).first
    }

    /// The sub-account's connections, newest first; only one user's when `userID` is given.
    public func list(userID: UUID? = nil) async throws -> [Connection] {
        try await select(
            "WHERE sub_account_id = $1 AND ($2::uuid IS NULL OR user_id = $2) ORDER BY created_at DESC, id",
            userID.postgresBind)
    }

    /// Creates a connected connection with sealed tokens; ``StoreError/Code/activeConnectionExists``
    /// when the user already has an active one (use ``connect(userID:mailboxID:tokens:scopes:)``).
    public func create(userID: UUID, mailboxID: UUID, tokens: ConnectionTokens, scopes: [String]) async throws -> Connection {
        let subAccountID = try transaction.requireSubAccount()
        let id = UUID()
        let access = try seal(tokens.accessToken, .connectionAccessToken, id: id)
        let refresh = try seal(tokens.refreshToken, .connectionRefreshToken, id: id)
        do {
            let rows = try await transaction.connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO connections (sub_account_id, id, user_id, mailbox_id, access_token_ciphertext,
                            refresh_token_ciphertext, token_expires_at, granted_scopes)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING \(Self.columns)
                        """,
                    binds: [
                        subAccountID.postgresBind, id.postgresBind, userID.postgresBind, mailboxID.postgresBind,
                        access.postgresBind, refresh.postgresBind, tokens.expiresAt.postgresBind,
                        PostgresTextArray(scopes).postgresBind,
                    ]))
            return try Self.connection(rows.single())
        } catch let error as PostgresError where error.constraint == "connections_one_active_per_user" {
            throw StoreError(.activeConnectionExists, object: error.constraint)
        } catch let error as PostgresError {
            throw error.asStoreError
        }
    }

    /// The tokens, opened.
    public func tokens(_ id: UUID) async throws -> ConnectionTokens {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            """
            SELECT access_token_ciphertext, refresh_token_ciphertext, token_expires_at FROM connections
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
        guard let row = rows.first else { throw StoreError(.notFound, object: "connections") }
        let (access, refresh, expiresAt) = try row.decode(([UInt8]?, [UInt8]?, Date?).self)
        return ConnectionTokens(
            accessToken: try open(access, .connectionAccessToken, id: id),
            refreshToken: try open(refresh, .connectionRefreshToken, id: id),
            expiresAt: expiresAt)
    }

    /// Stores refreshed tokens; a nil refresh token keeps the stored one (providers often send none).
    public func updateTokens(_ id: UUID, _ tokens: ConnectionTokens) async throws {
        let subAccountID = try transaction.requireSubAccount()
        let access = try seal(tokens.accessToken, .connectionAccessToken, id: id)
        let refresh = try seal(tokens.refreshToken, .connectionRefreshToken, id: id)
        try await update(
            """
            UPDATE connections SET access_token_ciphertext = \(access),
                refresh_token_ciphertext = COALESCE(\(refresh), refresh_token_ciphertext),
                token_expires_at = \(tokens.expiresAt), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
    }

    /// Deletes the tokens (after the provider revoked them).
    public func deleteTokens(_ id: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await update(
            """
            UPDATE connections SET access_token_ciphertext = NULL, refresh_token_ciphertext = NULL,
                token_expires_at = NULL, updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
    }

    /// Moves an active connection to needs_reauth with the reason shown on the profile.
    public func markNeedsReauth(_ id: UUID, error message: String) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await update(
            """
            UPDATE connections SET status = 'needs_reauth', last_error = \(message), last_error_at = now(), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id) AND status IN ('connected', 'needs_reauth')
            """)
    }

    /// Records a failure in plain words (no secrets) for the profile and `admin.connection_health`.
    public func recordError(_ id: UUID, message: String) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await update(
            """
            UPDATE connections SET last_error = \(message), last_error_at = now(), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
    }

    /// Records the end of a successful sync.
    public func recordSync(_ id: UUID, at date: Date) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await update(
            """
            UPDATE connections SET last_synced_at = \(date), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
    }

    /// Disconnects: the status becomes disconnected and the tokens are deleted. Returns the
    /// deleted tokens so the caller can revoke them at the provider (when no other active
    /// connection uses the mailbox); nil when the connection was not active.
    public func disconnect(_ id: UUID) async throws -> ConnectionTokens? {
        guard let current = try await lockActive("id = $2", id.postgresBind) else { return nil }
        let tokens = try await tokens(current.id)
        let subAccountID = current.subAccountID
        try await update(
            """
            UPDATE connections SET status = 'disconnected', disconnected_at = now(), access_token_ciphertext = NULL,
                refresh_token_ciphertext = NULL, token_expires_at = NULL, updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """)
        return tokens
    }

    /// The user connected a provider account (OAuth callback): restores the active connection of
    /// the same mailbox (needs_reauth ends, the cursor is kept), or supersedes an active connection
    /// of a different mailbox ("update email"; its tokens are deleted and handed back for
    /// revocation), or creates the first one.
    public func connect(userID: UUID, mailboxID: UUID, tokens: ConnectionTokens, scopes: [String]) async throws
        -> ConnectOutcome
    {
        let subAccountID = try transaction.requireSubAccount()
        guard let active = try await lockActive("user_id = $2", userID.postgresBind) else {
            return ConnectOutcome(connection: try await create(userID: userID, mailboxID: mailboxID, tokens: tokens, scopes: scopes))
        }
        if active.mailboxID == mailboxID {
            let access = try seal(tokens.accessToken, .connectionAccessToken, id: active.id)
            let refresh = try seal(tokens.refreshToken, .connectionRefreshToken, id: active.id)
            let rows = try await transaction.connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE connections SET status = 'connected', access_token_ciphertext = $3,
                            refresh_token_ciphertext = COALESCE($4, refresh_token_ciphertext), token_expires_at = $5,
                            granted_scopes = $6, last_error = NULL, last_error_at = NULL, updated_at = now()
                        WHERE sub_account_id = $1 AND id = $2 RETURNING \(Self.columns)
                        """,
                    binds: [
                        subAccountID.postgresBind, active.id.postgresBind, access.postgresBind, refresh.postgresBind,
                        tokens.expiresAt.postgresBind, PostgresTextArray(scopes).postgresBind,
                    ]))
            return ConnectOutcome(connection: try Self.connection(rows.single()), wasRestored: true)
        }
        let oldTokens = try await self.tokens(active.id)
        try await update(
            """
            UPDATE connections SET status = 'superseded', superseded_at = now(), access_token_ciphertext = NULL,
                refresh_token_ciphertext = NULL, token_expires_at = NULL, updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(active.id)
            """)
        let created = try await create(userID: userID, mailboxID: mailboxID, tokens: tokens, scopes: scopes)
        try await update(
            """
            UPDATE connections SET superseded_by = \(created.id)
            WHERE sub_account_id = \(subAccountID) AND id = \(active.id)
            """)
        return ConnectOutcome(
            connection: created, superseded: try await get(active.id), supersededTokens: oldTokens)
    }

    /// The active connection matching `condition` (on `$2`), locked for this transaction.
    private func lockActive(_ condition: String, _ bind: PostgresBind) async throws -> Connection? {
        try await select(
            "WHERE sub_account_id = $1 AND \(condition) AND status IN ('connected', 'needs_reauth') FOR UPDATE", bind
        ).first
    }

    private func select(_ clause: String, _ bind: PostgresBind) async throws -> [Connection] {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM connections \(clause)", binds: [subAccountID.postgresBind, bind])
        ).map(Self.connection)
    }

    private func update(_ query: PostgresQuery) async throws {
        try await transaction.connection.changeOne(query, of: "connections")
    }

    private func seal(_ secret: SecretText?, _ column: EncryptedColumn, id: UUID) throws -> [UInt8]? {
        let subAccountID = try transaction.requireSubAccount()
        return try secret.map { try transaction.keyring.seal($0, for: column.context(subAccountID, id)) }
    }

    private func open(_ sealed: [UInt8]?, _ column: EncryptedColumn, id: UUID) throws -> SecretText? {
        let subAccountID = try transaction.requireSubAccount()
        return try sealed.map { try transaction.keyring.open($0, for: column.context(subAccountID, id)) }
    }

    static func connection(_ row: PostgresRow) throws -> Connection {
        Connection(
            subAccountID: try row.decode(UUID.self, column: "sub_account_id"),
            id: try row.decode(UUID.self, column: "id"),
            userID: try row.decode(UUID.self, column: "user_id"),
            mailboxID: try row.decode(UUID.self, column: "mailbox_id"),
            status: try row.decode(Connection.Status.self, column: "status"),
            tokenExpiresAt: try row.decode(Date?.self, column: "token_expires_at"),
            grantedScopes: try row.decodeStrings(column: "granted_scopes"),
            supersededAt: try row.decode(Date?.self, column: "superseded_at"),
            supersededBy: try row.decode(UUID?.self, column: "superseded_by"),
            disconnectedAt: try row.decode(Date?.self, column: "disconnected_at"),
            lastError: try row.decode(String?.self, column: "last_error"),
            lastErrorAt: try row.decode(Date?.self, column: "last_error_at"),
            lastSyncedAt: try row.decode(Date?.self, column: "last_synced_at"),
            createdAt: try row.decode(Date.self, column: "created_at"))
    }
}
