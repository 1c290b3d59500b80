import Foundation

/// Agency staff who log into the CRM; a member of one or more of the agency's sub-accounts.
public struct User: Sendable, Hashable, Identifiable {
    /// The agency the user belongs to.
    public var agencyID: UUID
    /// The user's id.
    public var id: UUID
    /// Login address; unique per agency, case-insensitive.
    public var email: String
    /// Display name.
    public var name: String?
    /// When the user was created.
    public var createdAt: Date

    /// Creates a user value.
    public init(agencyID: UUID, id: UUID, email: String, name: String?, createdAt: Date) {
        self.agencyID = agencyID
        self.id = id
        self.email = email
        self.name = name
        self.createdAt = createdAt
    }
}
