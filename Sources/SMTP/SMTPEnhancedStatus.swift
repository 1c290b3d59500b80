/// An enhanced mail system status code (RFC 3463), `class.subject.detail`, e.g. `5.1.1` (bad
/// destination mailbox) or `4.2.2` (mailbox full).
public struct SMTPEnhancedStatus: Sendable, Hashable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    /// What the status is about: 1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol,
    /// 6 content, 7 security or policy.
    public var subject: Int
    /// The detail within the subject.
    public var detail: Int

    /// Creates a status code.
    public init(statusClass: Int, subject: Int, detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses the status code that starts `text` (followed by a space or the end), when its class
    /// matches the first digit of `replyCode`, as RFC 2034 requires.
    init?(prefixOf text: some StringProtocol, replyCode: Int) {
        let token = text.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let statusClass = Int(parts[0]), let subject = Int(parts[1]), let detail = Int(parts[2]),
            parts[0].count == 1, statusClass == replyCode / 100, [2, 4, 5].contains(statusClass)
        else { return nil }
        self.init(statusClass: statusClass, subject: subject, detail: detail)
    }

    /// The dotted form, e.g. `5.1.1`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }
}
