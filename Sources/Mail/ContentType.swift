/// A MIME type with its parameters, e.g. `text/plain; charset=utf-8`.
///
/// Type and subtype are lower-cased; parameter names are lower-cased and their values decoded
/// (RFC 2231 continuations and charsets, RFC 2047 words inside quotes).
public struct ContentType: Sendable, Hashable {
    /// The top-level type, e.g. `text`, `multipart`, `image`.
    public var type: String
    /// The subtype, e.g. `plain`, `mixed`, `png`.
    public var subtype: String
    /// Parameters by lower-cased name.
    public var parameters: [String: String]

    /// Creates a content type.
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// The `charset` parameter, if any.
    public var charset: String? { parameters["charset"] }

    /// Whether this is a `multipart/*` type.
    public var isMultipart: Bool { type == "multipart" }

    /// What a part without Content-Type is (RFC 2045 5.2).
    public static let defaultText = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// The default type of the parts of a `multipart/digest` (RFC 2046 5.1.5).
    static let digestDefault = ContentType(type: "message", subtype: "rfc822")

    /// Reads a Content-Type value; nil when it is not `type/subtype`, which callers treat as
    /// `text/plain` as RFC 2045 and Python do.
    init?(headerValue bytes: ArraySlice<UInt8>) {
        let parsed = HeaderParameters(bytes)
        guard let slash = parsed.value.firstIndex(of: ASCII.slash) else { return nil }
        let type = ASCII.trimmed(parsed.value[parsed.value.startIndex..<slash])
        let subtype = ASCII.trimmed(parsed.value[(slash + 1)...])
        guard !type.isEmpty, !subtype.isEmpty,
            !type.contains(where: { $0 <= ASCII.space || $0 >= 0x7F }),
            !subtype.contains(where: { $0 <= ASCII.space || $0 >= 0x7F || $0 == ASCII.slash })
        else { return nil }
        self.init(
            type: ASCII.lowercasedString(type), subtype: ASCII.lowercasedString(subtype),
            parameters: parsed.parameters)
    }
}
