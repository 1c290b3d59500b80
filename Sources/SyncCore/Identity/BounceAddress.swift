/// The envelope sender of mail the sub-account's provider sends: its BCC address with a `bounce+`
/// tag (`bounce+sync.k3v9x2@bcc.example.com`), so delivery reports reach the BCC inbound
/// endpoint, which finds the sub-account from it and marks the reported message bounced.
public enum BounceAddress {
    /// The tag before the BCC address's local part.
    public static let tag = "bounce+"

    /// The bounce address of a sub-account's BCC address.
    public static func of(bccAddress: String) -> String { tag + bccAddress }

    /// The BCC address a bounce address was made from, or nil when `address` is none.
    public static func bccAddress(in address: String) -> String? {
        let lowered = address.lowercased()
        guard lowered.hasPrefix(tag), lowered.count > tag.count else { return nil }
        return String(lowered.dropFirst(tag.count))
    }
}
