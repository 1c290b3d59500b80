import Foundation

/// An agency's API key, without the key itself (only its hash is stored).
public struct APIKey: Sendable, Hashable, Identifiable {
    /// The agency the key acts for.
    public var agencyID: UUID
    /// The key's id.
    public var id: UUID
    /// A label the operator chose.
    public var name: String
    /// When the key was created.
    public var createdAt: Date
    /// Last authenticated request (updated at most once a minute).
    public var lastUsedAt: Date?
    /// When the key was revoked; a revoked key authenticates nothing.
    public var revokedAt: Date?

    /// Creates an API key value.
    public init(agencyID: UUID, id: UUID, name: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.agencyID = agencyID
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
