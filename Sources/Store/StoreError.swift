/// A store operation that could not be done as asked.
///
/// The description names the kind and the table or constraint, never values (emails, names,
/// tokens), so it is safe to log.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct around a private enum, so cases can be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notFound
            case alreadyExists
            case subAccountRequired
            case activeConnectionExists
            case invalidStoredValue
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No row with that id in the scope's tenant (it may exist in another tenant: that is not said).
        public static let notFound = Code(.notFound)
        /// A row with the same unique value exists (same contact email, user email, ...).
        public static let alreadyExists = Code(.alreadyExists)
        /// The operation works on a sub-account's rows, and the scope names only an agency.
        public static let subAccountRequired = Code(.subAccountRequired)
        /// The user already has an active connection in the sub-account.
        public static let activeConnectionExists = Code(.activeConnectionExists)
        /// A stored value this version does not know (an enum text, a malformed array).
        public static let invalidStoredValue = Code(.invalidStoredValue)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The table, column or constraint concerned.
    public var object: String?

    /// Creates an error.
    public init(_ code: Code, object: String? = nil) {
        self.code = code
        self.object = object
    }

    public var description: String {
        object.map { "StoreError(\(code), \($0))" } ?? "StoreError(\(code))"
    }
}
