/// A lifecycle request that cannot be served as asked.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; a struct around a private enum, so cases can be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable { case providerNotConfigured }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The service has no client for that provider.
        public static let providerNotConfigured = Code(.providerNotConfigured)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) { self.code = code }

    public var description: String { "LifecycleError(\(code))" }
}
