/// A control-API call the emulator cannot do.
public struct MicrosoftEmulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unknownAccount, unknownFolder, unknownMessage, unknownSubscription, invalidMessage
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// No account with that id or address.
        public static let unknownAccount = Code(.unknownAccount)
        /// No folder with that id or well-known name.
        public static let unknownFolder = Code(.unknownFolder)
        /// No message with that id.
        public static let unknownMessage = Code(.unknownMessage)
        /// No subscription with that id.
        public static let unknownSubscription = Code(.unknownSubscription)
        /// The MIME or base64 given cannot be read.
        public static let invalidMessage = Code(.invalidMessage)

        public var description: String { base.rawValue }
    }

    /// What is wrong.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) {
        self.code = code
    }

    public var description: String { "MicrosoftEmulatorError.\(code)" }
}
