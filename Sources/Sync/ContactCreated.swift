import Foundation

/// The payload of a `contact.created` event for a contact the sync created (SPEC rule 4).
public struct ContactCreated: Sendable, Codable, Hashable {
    /// The event's type name.
    public static let eventType = "contact.created"

    /// The new contact.
    public var contactID: UUID
    /// How it was created (`bcc`).
    public var source: String
    /// The message that created it.
    public var messageID: UUID
}
