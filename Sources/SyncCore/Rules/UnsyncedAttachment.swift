/// An attachment a synced message goes without, recorded on the message as "not synced" with its
/// name, type and size (SPEC rule 8).
public struct UnsyncedAttachment: Sendable, Hashable {
    /// Why an attachment was left out, as a stable code.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String {
            case unsupportedType = "unsupported_type"
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// The stable code, e.g. `unsupported_type`.
        public var rawValue: String { code.rawValue }
        public var description: String { code.rawValue }

        /// Neither its extension nor, without a name, its MIME type is a supported one.
        public static let unsupportedType = Reason(.unsupportedType)
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
