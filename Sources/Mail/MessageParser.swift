/// The one parser the service, `mailsync mail parse` and the fuzzer use: bytes in, value out.
///
/// It never fails and never traps: damaged input yields what could be read plus warnings, within
/// `ParseLimits` of memory and time.
///
/// ```swift
/// let message = MessageParser().parse(rawBytes)
/// message.from.first?.normalized   // "anna@example.com"
/// message.textBody                 // what a mail client shows
/// ```
public struct MessageParser: Sendable {
    /// The bounds applied to every message.
    public let limits: ParseLimits

    /// Creates a parser with the given limits.
    public init(limits: ParseLimits = .standard) {
        self.limits = limits
    }

    /// Parses a raw RFC 5322 message.
    public func parse(_ bytes: [UInt8]) -> ParsedMessage {
        var parser = MIMEParser(limits: limits)
        let root = parser.parseEntity(bytes[...], path: "1", depth: 0, defaultType: .defaultText)
        return ParsedMessage(root: root, size: bytes.count, limits: limits, warnings: parser.warnings)
    }
}
