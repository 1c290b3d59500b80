/// An attachment as a download reads it: its metadata and, when it was synced, its bytes.
public struct AttachmentContent: Sendable, Hashable {
    /// The metadata (``StoredAttachment/notSyncedReason`` says why `bytes` is nil).
    public var attachment: StoredAttachment
    /// The decoded bytes; nil for an attachment that was not synced.
    public var bytes: [UInt8]?

    /// Creates a value.
    public init(attachment: StoredAttachment, bytes: [UInt8]?) {
        self.attachment = attachment
        self.bytes = bytes
    }
}
