/// An error from the database layer.
///
/// `description` names only the kind, the SQLSTATE and schema object names (constraint, table,
/// column), never values: server messages and details can quote row data, so they are reachable
/// only through `String(reflecting:)`.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is. A struct around a private enum, so cases can be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed
            case connectionClosed
            case server
            case decoding
            case unexpectedNull
            case protocolViolation
            case migration
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The connection could not be opened.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection broke or was closed while in use.
        public static let connectionClosed = Code(.connectionClosed)
        /// The server rejected a statement; `sqlState` says why.
        public static let server = Code(.server)
        /// A column value could not be decoded into the requested Swift type.
        public static let decoding = Code(.decoding)
        /// A NULL arrived where a non-optional Swift type was requested.
        public static let unexpectedNull = Code(.unexpectedNull)
        /// libpq or the server behaved in a way this wrapper does not expect.
        public static let protocolViolation = Code(.protocolViolation)
        /// The migrator refused to run (edited or missing applied file, bad file name).
        public static let migration = Code(.migration)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The five-character SQLSTATE for server errors (`23505` for a unique violation).
    public var sqlState: String?
    /// The server's primary message, or this layer's own explanation. May quote values.
    public var message: String
    /// The server's detail line. May quote values.
    public var detail: String?
    /// The constraint that was violated, when the server names one.
    public var constraint: String?
    /// The table concerned, when the server names one.
    public var table: String?
    /// The column concerned, when the server names one.
    public var column: String?
    /// A message safe to show (no values), set by this layer where it has one.
    public var safeMessage: String?

    /// Creates an error; `safeMessage` is what `description` shows besides the code.
    public init(
        code: Code, message: String, safeMessage: String? = nil, sqlState: String? = nil,
        detail: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.code = code
        self.message = message
        self.safeMessage = safeMessage
        self.sqlState = sqlState
        self.detail = detail
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// True for `23505`, a unique or primary-key violation.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        var parts = ["PostgresError(\(code)"]
        if let sqlState { parts.append("sqlstate \(sqlState)") }
        if let constraint { parts.append("constraint \(constraint)") }
        if let table { parts.append("table \(table)") }
        if let column { parts.append("column \(column)") }
        if let safeMessage { parts.append(safeMessage) }
        return parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String {
        var text = description + ": " + message
        if let detail { text += " (detail: \(detail))" }
        return text
    }
}
