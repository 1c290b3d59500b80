import Mail

/// What the attachment policy (SPEC rule 8) reads from one attachment: its name, type and decoded size.
public struct AttachmentFacts: Sendable, Hashable {
    /// Which attachment this is: the MIME part path (`1.2`) or the provider's attachment id.
    public var id: String
    /// The file name, if the part names one.
    public var filename: String?
    /// The MIME type without parameters, lower case (`image/png`).
    public var mimeType: String
    /// The decoded size in bytes.
    public var size: Int
    /// Whether the part is shown inline (inline parts count against the size limit too).
    public var isInline: Bool

    /// Creates attachment facts; `mimeType` is lower-cased.
    public init(id: String, filename: String?, mimeType: String, size: Int, isInline: Bool) {
        self.id = id
        self.filename = filename
        self.mimeType = mimeType.lowercased()
        self.size = size
        self.isInline = isInline
    }

    /// The facts of a parsed attachment, identified by its MIME part path.
    public init(_ attachment: Attachment) {
        self.init(
            id: attachment.path, filename: attachment.filename, mimeType: attachment.contentType.mimeType,
            size: attachment.size, isInline: attachment.isInline)
    }

    /// The file extension, lower case and without the dot, or nil when the name has none.
    public var fileExtension: String? {
        guard let filename, let dot = filename.lastIndex(of: "."), filename.index(after: dot) < filename.endIndex
        else { return nil }
        return filename[filename.index(after: dot)...].lowercased()
    }
}
