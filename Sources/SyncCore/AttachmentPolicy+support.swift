extension AttachmentPolicy {
    /// Whether the attachment's type may be synced: by its file extension, or by its MIME type
    /// when its name has no extension.
    public func supports(_ attachment: AttachmentFacts) -> Bool {
        if let fileExtension = attachment.fileExtension {
            return extensions.contains { $0.lowercased() == fileExtension }
        }
        return mimeTypes.contains { $0.lowercased() == attachment.mimeType }
    }

    /// Whether the attachment is over the size limit, which keeps its whole message out.
    public func isTooLarge(_ attachment: AttachmentFacts) -> Bool {
        attachment.size > maxBytes
    }
}
