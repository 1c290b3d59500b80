/// An attachment's metadata: the bytes are read separately (``MessageRepository/attachmentContent(messageID:partID:)``).
public struct StoredAttachment: Sendable, Hashable {
    /// The MIME part path (`1.2`) or the provider's attachment id.
    public var partID: String
    /// The file name, if the part has one.
    public var filename: String?
    /// The MIME type.
    public var mimeType: String
    /// The decoded size in bytes.
    public var size: Int
    /// Why it was left out (`unsupported_type`); nil when its bytes are stored.
    public var notSyncedReason: String?

    /// Creates an attachment value.
    public init(partID: String, filename: String?, mimeType: String, size: Int, notSyncedReason: String?) {
        self.partID = partID
        self.filename = filename
        self.mimeType = mimeType
        self.size = size
        self.notSyncedReason = notSyncedReason
    }
}
