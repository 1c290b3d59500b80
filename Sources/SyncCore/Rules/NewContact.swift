/// A contact a synced message creates (SPEC rule 4): a recipient of mail the user sent with the
/// sub-account's BCC address who is neither a contact nor a user yet.
public struct NewContact: Sendable, Hashable {
    /// The address as written on the message.
    public var email: String
    /// The display name on the message, if any.
    public var name: String?
    /// How the contact comes to exist; always `.bcc` for rule 4.
    public var source: Contact.Source

    /// Creates a new-contact request.
    public init(email: String, name: String?, source: Contact.Source = .bcc) {
        self.email = email
        self.name = name
        self.source = source
    }
}
