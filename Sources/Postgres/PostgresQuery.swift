/// A SQL statement with its bind parameters.
///
/// Every interpolated Swift value becomes a `$n` parameter, so values never reach the SQL text:
/// ```swift
/// let query: PostgresQuery = "SELECT id FROM contacts WHERE email = \(email) AND sub_account_id = \(tenant)"
/// // sql: "SELECT id FROM contacts WHERE email = $1 AND sub_account_id = $2"
/// ```
/// SQL text that is not a literal needs the loud ``init(unsafeSQL:binds:)``.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$1`, `$2`, ... placeholders.
    public var sql: String
    /// The parameters, in placeholder order.
    public var binds: [PostgresBind]
    /// True when a value was interpolated inside a quoted SQL literal (`'prefix-\(x)'`), where
    /// `$n` is plain text, not a parameter: running such a query throws instead of silently
    /// storing the text `$n`.
    public var interpolatesInsideLiteral = false

    /// A statement from SQL text built at run time. Every value must still go in `binds`.
    public init(unsafeSQL sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
        self.interpolatesInsideLiteral = stringInterpolation.interpolatedInsideLiteral
    }

    /// Builds the SQL text and binds of an interpolated query literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []
        /// Whether the text so far ends inside a single-quoted literal (`''` toggles twice).
        var insideLiteral = false
        var interpolatedInsideLiteral = false

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
            for byte in literal.utf8 where byte == UInt8(ascii: "'") { insideLiteral.toggle() }
        }

        /// Appends `$n` and binds the value.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            bind(value.postgresBind)
        }

        /// Appends `$n` and binds the value, or NULL when it is nil.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bind(value.postgresBind)
        }

        private mutating func bind(_ value: PostgresBind) {
            if insideLiteral { interpolatedInsideLiteral = true }
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends a quoted SQL identifier (a table or channel name), never a value.
        public mutating func appendInterpolation(identifier: String) {
            sql += "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}

extension PostgresQuery {
    /// Refuses a query whose value landed inside a quoted literal, before anything is sent.
    func checkBinds() throws {
        guard interpolatesInsideLiteral else { return }
        throw PostgresError(
            code: .protocolViolation, message: "a value was interpolated inside a quoted SQL literal",
            safeMessage: "a value was interpolated inside a quoted SQL literal; concatenate it instead ('x' || $1)")
    }
}
