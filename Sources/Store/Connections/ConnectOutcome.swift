import SyncCore

/// What ``ConnectionRepository/connect(userID:mailboxID:tokens:scopes:)`` did.
public struct ConnectOutcome: Sendable, Hashable {
    /// The user's active connection now.
    public var connection: Connection
    /// True when an active connection of the same mailbox was restored (no new connection).
    public var wasRestored: Bool
    /// The connection of a different mailbox that this one replaced ("update email"), now superseded.
    public var superseded: Connection?
    /// The superseded connection's tokens, deleted from the store: revoke them at the provider
    /// unless another active connection uses that mailbox.
    public var supersededTokens: ConnectionTokens?

    /// Creates an outcome.
    public init(
        connection: Connection, wasRestored: Bool = false, superseded: Connection? = nil,
        supersededTokens: ConnectionTokens? = nil
    ) {
        self.connection = connection
        self.wasRestored = wasRestored
        self.superseded = superseded
        self.supersededTokens = supersededTokens
    }
}
