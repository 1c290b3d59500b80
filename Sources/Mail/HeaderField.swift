/// One header field as it appeared: its name as written and its unfolded value.
///
/// `rawValue` holds the original bytes with folding line breaks removed; `value` is the text a
/// person reads, with RFC 2047 encoded words decoded.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written, e.g. `Subject` or `X-Mailer`.
    public let name: String
    /// The unfolded value bytes, without the leading and trailing whitespace.
    public let rawValue: [UInt8]

    /// Creates a field from a name and raw value bytes.
    public init(name: String, rawValue: [UInt8]) {
        self.name = name
        self.rawValue = rawValue
    }

    /// Creates a field from a name and plain text.
    public init(name: String, value: String) {
        self.init(name: name, rawValue: Array(value.utf8))
    }

    /// The decoded value: encoded words decoded, raw 8-bit bytes read as UTF-8.
    public var value: String { EncodedWords.decode(rawValue[...]) }

    /// Whether the field is called `name`, ignoring ASCII case (field names are ASCII).
    public func hasName(_ name: String) -> Bool {
        self.name.utf8.elementsEqual(name.utf8) { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }
}
