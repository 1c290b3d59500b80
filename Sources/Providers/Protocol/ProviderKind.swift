/// Which provider a mailbox lives at; stored with connections and mailboxes.
public struct ProviderKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stored name: `gmail` or `microsoft`.
    public let rawValue: String

    /// Reads a stored name; nil for an unknown one.
    public init?(rawValue: String) {
        guard ["gmail", "microsoft"].contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(name: String) {
        rawValue = name
    }

    /// Google: Gmail API and Google OAuth.
    public static let gmail = ProviderKind(name: "gmail")
    /// Microsoft: Graph mail and the Microsoft identity platform.
    public static let microsoft = ProviderKind(name: "microsoft")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = ProviderKind(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown provider"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
