/// Which attachments a synced message may carry (SPEC rule 8), per sub-account.
public struct AttachmentPolicy: Sendable, Hashable {
    /// A message with an attachment larger than this (decoded bytes, inline parts included) is not synced.
    public var maxBytes: Int
    /// Supported file extensions, lower case, without the dot.
    public var extensions: [String]
    /// Supported MIME types, for attachments without a file name.
    public var mimeTypes: [String]

    /// Creates a policy.
    public init(maxBytes: Int, extensions: [String], mimeTypes: [String]) {
        self.maxBytes = maxBytes
        self.extensions = extensions
        self.mimeTypes = mimeTypes
    }

    /// SPEC's default: 3 MiB; JPG, JPEG, PNG, MP4, MPEG, ZIP, RAR, PDF, DOC, DOCX, TXT.
    public static let standard = AttachmentPolicy(
        maxBytes: 3_145_728,
        extensions: ["jpg", "jpeg", "png", "mp4", "mpeg", "zip", "rar", "pdf", "doc", "docx", "txt"],
        mimeTypes: [
            "image/jpeg", "image/png", "video/mp4", "video/mpeg", "application/zip", "application/x-zip-compressed",
            "application/vnd.rar", "application/x-rar-compressed", "application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain",
        ])
}
