/// A notification request the verifier cannot read at all.
public struct GraphNotificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case malformedBody
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The body is not a `{"value": [...]}` notification collection.
        public static let malformedBody = Code(.malformedBody)

        public var description: String { base.rawValue }
    }

    /// What is wrong.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) {
        self.code = code
    }

    public var description: String { "GraphNotificationError.\(code)" }
}
