/// A Google `uint64`/`int64` field: written as a JSON string (Google's rule for 64-bit
/// integers), read from a string or a number, since Pub/Sub notifications carry `historyId` as
/// a number.
struct GoogleUInt64: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The value.
    var value: UInt64

    /// Wraps a value.
    init(_ value: UInt64) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = UInt64(text) {
            value = number
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a uint64 as string or number"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }

    static func < (lhs: GoogleUInt64, rhs: GoogleUInt64) -> Bool { lhs.value < rhs.value }

    var description: String { String(value) }
}
