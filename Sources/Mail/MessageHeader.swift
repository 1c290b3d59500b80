/// The header block of a message or MIME part: fields in order, duplicates kept, looked up by
/// case-insensitive name.
///
/// ```swift
/// let subject = message.header["subject"]?.value
/// let received = message.header.fields(named: "Received")
/// ```
public struct MessageHeader: Sendable, Hashable {
    /// Every field in the order it appeared.
    public let fields: [HeaderField]

    /// Creates a header from fields.
    public init(fields: [HeaderField]) {
        self.fields = fields
    }

    /// The first field called `name` (any case), or nil.
    public subscript(name: String) -> HeaderField? {
        fields.first { $0.hasName(name) }
    }

    /// Every field called `name` (any case), in order.
    public func fields(named name: String) -> [HeaderField] {
        fields.filter { $0.hasName(name) }
    }
}
