import Mail

/// The identity of a stored message (SPEC "Conversations and threads"): its Message-ID plus
/// From, Date and size, so a reused Message-ID never swallows a different message.
///
/// `key` is a stable FNV-1a 64 hash of ``canonical`` (SHA-256 is not in Foundation on Linux and
/// the Message-ID is stored beside it anyway); changing the canonical form changes every key.
/// The size is the decoded content size (``contentSize(of:)``), not the raw size: two mailboxes'
/// copies of one message differ in their delivery headers but not in their content.
///
/// ```swift
/// let messageID = parsed.messageID ?? MessageFingerprint.derivedMessageID(
///     provider: .gmail, providerAccountID: mailbox.providerAccountID, providerMessageID: gmailID)
/// let fingerprint = MessageFingerprint(message: parsed, messageID: messageID)
/// ```
public struct MessageFingerprint: Sendable, Hashable {
    /// The Message-ID without angle brackets, or a derived one.
    public var messageID: String
    /// The first From address, lower case; empty when there is none.
    public var from: String
    /// The Date header's moment in seconds since 1970, or nil when absent or unreadable.
    public var date: Int64?
    /// The decoded content size in bytes.
    public var size: Int

    /// Creates a fingerprint from its parts; `from` is lower-cased.
    public init(messageID: String, from: String, date: Int64?, size: Int) {
        self.messageID = messageID
        self.from = from.lowercased()
        self.date = date
        self.size = size
    }

    /// The fingerprint of a parsed message under `messageID` (its own, or a derived one).
    public init(message: ParsedMessage, messageID: String) {
        self.init(
            messageID: messageID, from: message.from.first?.normalized ?? "", date: message.date?.timestamp,
            size: Self.contentSize(of: message))
    }

    /// The parts joined in a fixed form: `v1`, Message-ID, From, Date (or `-`), size, NUL-separated.
    public var canonical: String {
        ["v1", messageID, from, date.map(String.init) ?? "-", String(size)].joined(separator: "\u{0}")
    }

    /// The identity key: 16 hex digits of FNV-1a 64 over ``canonical``.
    public var key: String {
        var hash = FNV1a64()
        hash.combine(canonical)
        return hash.hex
    }

    /// The bytes a message holds whatever route it took: text and HTML bodies (UTF-8) plus the
    /// decoded attachments; delivery headers (`Received`, `Delivered-To`) do not count.
    public static func contentSize(of message: ParsedMessage) -> Int {
        (message.textBody?.utf8.count ?? 0) + (message.htmlBody?.utf8.count ?? 0)
            + message.attachments.reduce(0) { $0 + $1.size }
    }

    /// A Message-ID for a copy posted to the BCC address that has none, derived from what every
    /// copy of it shares (From, Date, Subject, size): `<hash>.bcc@derived.mailsync.invalid`.
    public static func derivedMessageID(bccCopyOf message: ParsedMessage) -> String {
        var hash = FNV1a64()
        hash.combine(
            [
                message.from.first?.normalized ?? "", message.date.map { String($0.timestamp) } ?? "",
                message.subject ?? "", String(contentSize(of: message)),
            ].joined(separator: "\u{0}"))
        return "\(hash.hex).bcc@derived.mailsync.invalid"
    }

    /// A Message-ID for a message that has none, derived from its provider ids, so every
    /// connection to the same mailbox derives the same one: `<hash>.<provider>@derived.mailsync.invalid`.
    public static func derivedMessageID(provider: ProviderKind, providerAccountID: String, providerMessageID: String)
        -> String
    {
        var hash = FNV1a64()
        hash.combine([provider.rawValue, providerAccountID, providerMessageID].joined(separator: "\u{0}"))
        return "\(hash.hex).\(provider.rawValue)@derived.mailsync.invalid"
    }
}
