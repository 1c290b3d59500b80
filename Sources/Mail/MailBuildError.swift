/// Why `MessageBuilder` refused to build a message. The description names the field, never its
/// content, so it can be logged.
public struct MailBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case invalidAddress = "invalid_address"
            case invalidHeaderName = "invalid_header_name"
            case lineBreakInHeader = "line_break_in_header"
            case invalidMessageID = "invalid_message_id"
            case invalidContentType = "invalid_content_type"
            case valueTooLong = "value_too_long"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// An address is empty, lacks `@`, holds whitespace, angle brackets or non-ASCII, or is too long.
        public static let invalidAddress = Code(.invalidAddress)
        /// An extra header name is not `X-` followed by letters, digits and hyphens.
        public static let invalidHeaderName = Code(.invalidHeaderName)
        /// A header value or display name holds CR or LF (header injection).
        public static let lineBreakInHeader = Code(.lineBreakInHeader)
        /// A Message-ID (own, In-Reply-To or References) is not `left@right` in printable ASCII.
        public static let invalidMessageID = Code(.invalidMessageID)
        /// An attachment's content type is not `type/subtype` in printable ASCII.
        public static let invalidContentType = Code(.invalidContentType)
        /// A value that cannot be folded (a URI, a content type, a header name) would make a line
        /// longer than 998 octets.
        public static let valueTooLong = Code(.valueTooLong)

        /// The snake_case name.
        public var description: String { value.rawValue }
    }

    /// What was wrong.
    public var code: Code
    /// Which field, e.g. `to[2]` or `extraHeaders[0]`.
    public var field: String

    /// Creates an error.
    public init(_ code: Code, field: String) {
        self.code = code
        self.field = field
    }

    /// `code in field`.
    public var description: String { "\(code) in \(field)" }
}
