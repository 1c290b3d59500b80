/// An address as stored: the address and its display name.
public struct MailAddressText: Sendable, Hashable {
    /// The address.
    public var address: String
    /// The display name, if any.
    public var name: String?

    /// Creates an address.
    public init(address: String, name: String?) {
        self.address = address
        self.name = name
    }
}
