import Foundation

/// One line of a connection's sync log: what the service decided for one mailbox message and why
/// (SPEC rule 9). Ids, codes and addresses only; never a subject or a body.
public struct SyncDecisionEntry: Sendable, Hashable {
    /// The connection that saw the message.
    public var connectionID: UUID
    /// The provider's id of the message.
    public var providerMessageID: String
    /// The message's Message-ID (or the id derived from its provider ids).
    public var messageID: String
    /// `synced` or `skipped`.
    public var decision: String
    /// A `SyncReason` code when synced, a `SkipReason` code when skipped.
    public var reason: String
    /// The message's participant addresses, lower case.
    public var addresses: [String]
    /// When the decision was made (kept when the same decision is made again).
    public var decidedAt: Date

    /// Creates an entry.
    public init(
        connectionID: UUID, providerMessageID: String, messageID: String, decision: String, reason: String,
        addresses: [String], decidedAt: Date
    ) {
        self.connectionID = connectionID
        self.providerMessageID = providerMessageID
        self.messageID = messageID
        self.decision = decision
        self.reason = reason
        self.addresses = addresses
        self.decidedAt = decidedAt
    }
}
