/// A leaf part a mail client lists besides the shown text and HTML: attachments, inline images,
/// calendar invites, delivery reports.
public struct Attachment: Sendable, Hashable {
    /// The MIME part path, e.g. `1.2.1`.
    public var path: String
    /// The decoded file name, if the part names one.
    public var filename: String?
    /// The content type of the part.
    public var contentType: ContentType
    /// The disposition type (`attachment`, `inline`), or nil when the part has none.
    public var disposition: String?
    /// The Content-ID without angle brackets (inline images are referenced by it).
    public var contentID: String?
    /// The decoded bytes.
    public var data: [UInt8]

    /// Creates an attachment.
    public init(
        path: String, filename: String?, contentType: ContentType, disposition: String?, contentID: String?,
        data: [UInt8]
    ) {
        self.path = path
        self.filename = filename
        self.contentType = contentType
        self.disposition = disposition
        self.contentID = contentID
        self.data = data
    }

    /// The lower-case hex SHA-256 of the decoded bytes, for fingerprints and `mail parse`.
    public var sha256Hex: String { SHA256.hexDigest(data) }

    /// The decoded size in bytes, which the attachment policy limits.
    public var size: Int { data.count }

    /// Whether the part is shown inline (explicitly, or by having a Content-ID and no
    /// `attachment` disposition).
    public var isInline: Bool { disposition == "inline" || (disposition == nil && contentID != nil) }
}
