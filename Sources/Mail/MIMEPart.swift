/// One entity of a message's MIME tree: a multipart container with children, or a leaf whose
/// body is decoded (transfer encoding undone; text also converted from its charset).
public struct MIMEPart: Sendable {
    /// Where the part sits: `1` is the message itself, `1.2` its second child, and so on.
    public let path: String
    /// The part's own header fields.
    public let header: MessageHeader
    /// The content type; parts without a valid one are `text/plain` (RFC 2045 5.2).
    public let contentType: ContentType
    /// The Content-Disposition, if the part has one.
    public let disposition: ContentDisposition?
    /// The lower-cased Content-Transfer-Encoding, `7bit` when absent.
    public let transferEncoding: String
    /// The child parts of a multipart, in order; empty for a leaf.
    public let children: [MIMEPart]
    /// The decoded bytes of a leaf; empty for a multipart.
    public let body: [UInt8]
    /// The text of a `text/*` leaf, converted from its charset, line breaks as `\n`.
    public let text: String?

    /// Creates a part; the parser is the usual source.
    public init(
        path: String, header: MessageHeader, contentType: ContentType, disposition: ContentDisposition?,
        transferEncoding: String, children: [MIMEPart], body: [UInt8], text: String?
    ) {
        self.path = path
        self.header = header
        self.contentType = contentType
        self.disposition = disposition
        self.transferEncoding = transferEncoding
        self.children = children
        self.body = body
        self.text = text
    }

    /// Whether the part is a multipart container that was split into children.
    public var isMultipart: Bool { contentType.isMultipart && !children.isEmpty }

    /// Whether the part is marked `Content-Disposition: attachment`.
    public var isAttachment: Bool { disposition?.isAttachment ?? false }

    /// The file name: the disposition's `filename`, else the content type's `name`, trimmed.
    public var filename: String? {
        let name = disposition?.filename ?? contentType.parameters["name"]
        let trimmed = name?.trimmingWhitespace()
        return trimmed?.isEmpty == false ? trimmed : nil
    }

    /// The Content-ID without angle brackets, if any.
    public var contentID: String? {
        header["content-id"].flatMap { MessageIDList.parse($0.rawValue[...]).first }
    }

    /// Every leaf below (or this part, when it is a leaf), depth first.
    public var leaves: [MIMEPart] {
        var result = [MIMEPart]()
        collectLeaves(into: &result)
        return result
    }

    private func collectLeaves(into result: inout [MIMEPart]) {
        if children.isEmpty {
            result.append(self)
        } else {
            for child in children { child.collectLeaves(into: &result) }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
