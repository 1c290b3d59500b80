/// One reply of an SMTP server: its three-digit code, the enhanced status code (RFC 3463) when the
/// server gave one, and its text, one entry per line of a multi-line reply.
///
/// ```swift
/// if rejection.reply.isTransientFailure { /* 4xx: try this recipient again later */ }
/// ```
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, e.g. `250` or `550`.
    public var code: Int
    /// The enhanced status code from the start of the first line, e.g. `5.1.1`, when present.
    public var enhancedStatus: SMTPEnhancedStatus?
    /// Each line's text after the code and separator (the enhanced status code included).
    public var lines: [String]

    /// Creates a reply; an enhanced status code at the start of the first line is parsed out.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
        enhancedStatus = lines.first.flatMap { SMTPEnhancedStatus(prefixOf: $0, replyCode: code) }
    }

    /// The reply's text without the enhanced status code, lines joined by a space.
    public var text: String {
        lines.enumerated().map { index, line in
            guard let status = index == 0 ? enhancedStatus : SMTPEnhancedStatus(prefixOf: line, replyCode: code) else {
                return line
            }
            return String(line.dropFirst(status.description.count).drop { $0 == " " })
        }.joined(separator: " ")
    }

    /// Whether the command succeeded (2xx).
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// Whether the server waits for more from the client (3xx).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// Whether the command failed for now and may succeed later (4xx).
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// Whether the command failed for good (5xx).
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The code and the enhanced status, e.g. `550 5.1.1`; no server text, which can name an address.
    public var description: String {
        guard let enhancedStatus else { return String(code) }
        return "\(code) \(enhancedStatus)"
    }
}
