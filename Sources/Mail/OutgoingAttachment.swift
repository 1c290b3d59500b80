/// A file to attach to an outgoing message.
public struct OutgoingAttachment: Sendable, Hashable {
    /// The file name shown to the recipient, in any language (written per RFC 2231).
    public var filename: String
    /// The MIME type, e.g. `application/pdf`.
    public var contentType: String
    /// The file's bytes (sent base64-encoded).
    public var data: [UInt8]
    /// A Content-ID (without angle brackets) for an inline image referenced from the HTML as
    /// `cid:...`; nil for a regular attachment.
    public var contentID: String?

    /// Creates an attachment.
    public init(filename: String, contentType: String, data: [UInt8], contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
    }
}
