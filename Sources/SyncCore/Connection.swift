import Foundation

/// A user's mailbox connection in one sub-account (the profile's "Email (2-way sync)" section).
///
/// The tokens are not part of this value: they are read on purpose, through the store, so they
/// never travel with a connection into logs or responses.
public struct Connection: Sendable, Hashable, Identifiable {
    /// Where a connection stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Syncing.
        case connected
        /// The provider rejected a token refresh; jobs stop until the user connects the same account again.
        case needsReauth = "needs_reauth"
        /// The user disconnected.
        case disconnected
        /// The user connected a different provider account ("update email").
        case superseded

        /// True for the statuses that hold the user's one active connection.
        public var isActive: Bool { self == .connected || self == .needsReauth }
    }

    /// The sub-account the connection belongs to.
    public var subAccountID: UUID
    /// The connection's id.
    public var id: UUID
    /// The connected user.
    public var userID: UUID
    /// The provider account connected.
    public var mailboxID: UUID
    /// Where the connection stands.
    public var status: Status
    /// When the access token expires.
    public var tokenExpiresAt: Date?
    /// The OAuth scopes the user granted.
    public var grantedScopes: [String]
    /// When a different account replaced it.
    public var supersededAt: Date?
    /// The connection that replaced it.
    public var supersededBy: UUID?
    /// When the user disconnected it.
    public var disconnectedAt: Date?
    /// The last failure in plain words.
    public var lastError: String?
    /// When the last failure happened.
    public var lastErrorAt: Date?
    /// End of the last successful sync.
    public var lastSyncedAt: Date?
    /// When the connection was created.
    public var createdAt: Date

    /// Creates a connection value.
    public init(
        subAccountID: UUID, id: UUID, userID: UUID, mailboxID: UUID, status: Status, tokenExpiresAt: Date? = nil,
        grantedScopes: [String] = [], supersededAt: Date? = nil, supersededBy: UUID? = nil,
        disconnectedAt: Date? = nil, lastError: String? = nil, lastErrorAt: Date? = nil, lastSyncedAt: Date? = nil,
        createdAt: Date
    ) {
        self.subAccountID = subAccountID
        self.id = id
        self.userID = userID
        self.mailboxID = mailboxID
        self.status = status
        self.tokenExpiresAt = tokenExpiresAt
        self.grantedScopes = grantedScopes
        self.supersededAt = supersededAt
        self.supersededBy = supersededBy
        self.disconnectedAt = disconnectedAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.lastSyncedAt = lastSyncedAt
        self.createdAt = createdAt
    }
}
