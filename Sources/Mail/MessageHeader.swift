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
        let lowered = name.lowercased()
        return fields.first { $0.name.utf8.count == lowered.utf8.count && $0.name.lowercased() == lowered }
    }

    /// Every field called `name` (any case), in order.
    public func fields(named name: String) -> [HeaderField] {
        let lowered = name.lowercased()
        return fields.filter { $0.name.utf8.count == lowered.utf8.count && $0.name.lowercased() == lowered }
    }
}
