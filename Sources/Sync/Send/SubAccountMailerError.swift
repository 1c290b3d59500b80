/// A sub-account send that failed as a whole. The description names the code and the SMTP reply
/// code only: no server text, which can carry addresses.
public struct SubAccountMailerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case transient, permanent
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// May pass (connection refused, timeout, 4xx): the job retries.
        public static let transient = Code(.transient)
        /// Will not pass by retrying (authentication refused, 5xx for the envelope sender): the send fails.
        public static let permanent = Code(.permanent)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The SMTP reply code, when there was one.
    public var replyCode: Int?

    /// Creates an error.
    public init(_ code: Code, replyCode: Int? = nil) {
        self.code = code
        self.replyCode = replyCode
    }

    public var description: String {
        "SubAccountMailerError.\(code)" + (replyCode.map { ", SMTP \($0)" } ?? "")
    }
}
