/// One mailbox: an optional display name and an address.
///
/// `normalized` is the address lower-cased, for comparing and looking up (providers and people
/// treat addresses case-insensitively even though RFC 5321 allows a case-sensitive local part);
/// `address` keeps the spelling for sending.
///
/// ```swift
/// let to = MailAddress.parseList("\"Müller, Hans\" <Hans@Example.COM>, team: a@x.io, b@x.io;")
/// to[0].normalized  // "hans@example.com"
/// ```
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The decoded display name, or nil when there is none.
    public var displayName: String?
    /// The address as written, `local@domain`.
    public var address: String
    /// The address lower-cased, for comparison.
    public var normalized: String { address.lowercased() }

    /// Creates an address; `displayName` may hold any characters.
    public init(displayName: String? = nil, address: String) {
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
    }

    /// The addresses of an address-list header value (groups flattened, comments ignored).
    public static func parseList(_ value: String) -> [MailAddress] {
        var warnings = [ParseWarning]()
        return AddressListParser(maxAddresses: ParseLimits.standard.maxAddresses)
            .parse(Array(value.utf8)[...], warnings: &warnings)
    }

    /// `Name <address>` or the bare address, for logs and tests (not a header encoding).
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }
}
