import Foundation

/// A person a sub-account emails.
public struct Contact: Sendable, Hashable, Identifiable {
    /// How a contact came to exist.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        /// Created in the CRM or through its API.
        case crm
        /// A recipient of mail a user sent with the sub-account's BCC address (SPEC rule 4).
        case bcc
        /// Imported in bulk.
        case imported = "import"
    }

    /// The sub-account the contact belongs to.
    public var subAccountID: UUID
    /// The contact's id.
    public var id: UUID
    /// The contact's address; unique per sub-account, case-insensitive.
    public var email: String
    /// Display name.
    public var name: String?
    /// How the contact was created.
    public var source: Source
    /// When the contact was created.
    public var createdAt: Date

    /// Creates a contact value.
    public init(subAccountID: UUID, id: UUID, email: String, name: String?, source: Source, createdAt: Date) {
        self.subAccountID = subAccountID
        self.id = id
        self.email = email
        self.name = name
        self.source = source
        self.createdAt = createdAt
    }
}
