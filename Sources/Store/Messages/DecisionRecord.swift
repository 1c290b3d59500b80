import Foundation

/// One stored sync decision (SPEC rule 9): ids and the reason, never a subject or a body.
public struct DecisionRecord: Sendable, Hashable {
    /// The connection that saw the message.
    public var connectionID: UUID
    /// The provider's message id.
    public var providerMessageID: String
    /// The Message-ID (or the derived id).
    public var messageIDHeader: String
    /// `synced` or `skipped`.
    public var decision: String
    /// The `SyncReason` code when synced, the `SkipReason` code when skipped.
    public var reason: String
    /// When it was first decided this way.
    public var decidedAt: Date
    /// The position of this row in the newest-first order, for the next page's cursor.
    public var position: DecisionCursor

    /// Creates a record.
    public init(
        connectionID: UUID, providerMessageID: String, messageIDHeader: String, decision: String, reason: String,
        decidedAt: Date, position: DecisionCursor
    ) {
        self.connectionID = connectionID
        self.providerMessageID = providerMessageID
        self.messageIDHeader = messageIDHeader
        self.decision = decision
        self.reason = reason
        self.decidedAt = decidedAt
        self.position = position
    }
}
