import Foundation

/// A CRM customer that owns sub-accounts.
public struct Agency: Sendable, Hashable, Identifiable {
    /// The agency's id, also its tenant key.
    public var id: UUID
    /// Display name.
    public var name: String
    /// When the agency was created.
    public var createdAt: Date

    /// Creates an agency value.
    public init(id: UUID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
