/// A Content-Disposition (RFC 2183): `inline` or `attachment`, with parameters such as
/// `filename`.
public struct ContentDisposition: Sendable, Hashable {
    /// The lower-cased disposition type, usually `inline` or `attachment`.
    public var kind: String
    /// Parameters by lower-cased name, decoded like those of `ContentType`.
    public var parameters: [String: String]

    /// Creates a disposition.
    public init(kind: String, parameters: [String: String] = [:]) {
        self.kind = kind
        self.parameters = parameters
    }

    /// Whether the disposition is `attachment`.
    public var isAttachment: Bool { kind == "attachment" }

    /// The `filename` parameter, if any.
    public var filename: String? { parameters["filename"] }

    /// Reads a Content-Disposition value.
    init(headerValue bytes: ArraySlice<UInt8>) {
        let parsed = HeaderParameters(bytes)
        self.init(kind: ASCII.lowercasedString(ASCII.trimmed(parsed.value)), parameters: parsed.parameters)
    }
}
