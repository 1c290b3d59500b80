/// Something the parser had to repair or skip while reading a message.
///
/// The parser never fails: it reads what it can and says what it tolerated, so an operator can
/// answer "why did this message not sync" from `mailsync mail parse`. Warnings hold no message
/// content beyond header names and MIME types.
public struct ParseWarning: Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of repair, so callers can count and filter warnings.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case malformedHeaderLine = "malformed_header_line"
            case headerLimitReached = "header_limit_reached"
            case missingHeaderBodySeparator = "missing_header_body_separator"
            case missingBoundary = "missing_boundary"
            case missingClosingBoundary = "missing_closing_boundary"
            case nestingTooDeep = "nesting_too_deep"
            case partLimitReached = "part_limit_reached"
            case invalidBase64 = "invalid_base64"
            case invalidQuotedPrintable = "invalid_quoted_printable"
            case unknownTransferEncoding = "unknown_transfer_encoding"
            case unknownCharset = "unknown_charset"
            case invalidDate = "invalid_date"
            case invalidAddress = "invalid_address"
            case mboxFromLine = "mbox_from_line"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A header line had neither a colon nor leading whitespace and was skipped.
        public static let malformedHeaderLine = Code(.malformedHeaderLine)
        /// The header block exceeded the configured field count or size; the rest was skipped.
        public static let headerLimitReached = Code(.headerLimitReached)
        /// No empty line ended the header block; everything was read as header.
        public static let missingHeaderBodySeparator = Code(.missingHeaderBodySeparator)
        /// A multipart had no boundary parameter; it was read as a single opaque part.
        public static let missingBoundary = Code(.missingBoundary)
        /// A multipart ended without its closing delimiter.
        public static let missingClosingBoundary = Code(.missingClosingBoundary)
        /// Multiparts nested deeper than the limit; the inner ones were kept undecoded.
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// The message had more parts than the limit; the rest were dropped.
        public static let partLimitReached = Code(.partLimitReached)
        /// A base64 body held characters outside the alphabet (they were skipped).
        public static let invalidBase64 = Code(.invalidBase64)
        /// A quoted-printable body held an invalid escape (kept literally).
        public static let invalidQuotedPrintable = Code(.invalidQuotedPrintable)
        /// A Content-Transfer-Encoding other than 7bit, 8bit, binary, base64 or quoted-printable.
        public static let unknownTransferEncoding = Code(.unknownTransferEncoding)
        /// A charset this module does not know; the text was read as UTF-8.
        public static let unknownCharset = Code(.unknownCharset)
        /// The Date header could not be read.
        public static let invalidDate = Code(.invalidDate)
        /// An address list entry could not be read as an address.
        public static let invalidAddress = Code(.invalidAddress)
        /// The message started with an mbox `From ` line, which was skipped.
        public static let mboxFromLine = Code(.mboxFromLine)

        /// The snake_case name used in JSON output.
        public var description: String { value.rawValue }
    }

    /// What kind of repair this was.
    public var code: Code
    /// Where it happened and what was tolerated, e.g. `part 1.2: charset "x-unknown"`.
    public var detail: String

    /// Creates a warning.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `code: detail`.
    public var description: String { "\(code): \(detail)" }
}
