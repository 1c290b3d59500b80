/// An attachment a synced message goes without, recorded on the message as "not synced" with its
/// name, type and size (SPEC rule 8).
public struct UnsyncedAttachment: Sendable, Hashable {
    /// Why an attachment was left out, as a stable code.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Neither its extension nor, without a name, its MIME type is a supported one.
        case unsupportedType = "unsupported_type"
    }

    /// The attachment left out.
    public var attachment: AttachmentFacts
    /// Why.
    public var reason: Reason

    /// Creates a record.
    public init(attachment: AttachmentFacts, reason: Reason) {
        self.attachment = attachment
        self.reason = reason
    }
}
