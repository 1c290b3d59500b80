/// Why a send request was refused before anything was written. `field` names the request field
/// (e.g. `attachments[0]`); the description names the code and field only.
public struct SendRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unknownUser, unknownContact, unknownReplyMessage, noRecipients, invalidAddress
            case attachmentTooLarge, attachmentTypeNotAllowed, noSubAccountProvider, invalidMessage
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The acting user is not a member of the sub-account.
        public static let unknownUser = Code(.unknownUser)
        /// A recipient contact id is not the sub-account's.
        public static let unknownContact = Code(.unknownContact)
        /// The message to reply to is not the sub-account's.
        public static let unknownReplyMessage = Code(.unknownReplyMessage)
        /// Nobody to send to.
        public static let noRecipients = Code(.noRecipients)
        /// An address is not a valid mailbox address.
        public static let invalidAddress = Code(.invalidAddress)
        /// An attachment is larger than the sub-account's attachment policy allows.
        public static let attachmentTooLarge = Code(.attachmentTooLarge)
        /// An attachment's type is not in the sub-account's attachment policy.
        public static let attachmentTypeNotAllowed = Code(.attachmentTypeNotAllowed)
        /// The sub-account provider would send, but the sub-account has none configured.
        public static let noSubAccountProvider = Code(.noSubAccountProvider)
        /// The message cannot be built (a header value the builder refuses).
        public static let invalidMessage = Code(.invalidMessage)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What is wrong.
    public var code: Code
    /// The request field concerned.
    public var field: String

    /// Creates a rejection.
    public init(_ code: Code, field: String) {
        self.code = code
        self.field = field
    }

    public var description: String { "SendRejection.\(code) (\(field))" }
}
