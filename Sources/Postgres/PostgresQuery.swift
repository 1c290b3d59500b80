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
    }

    /// Builds the SQL text and binds of an interpolated query literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends `$n` and binds the value.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value.postgresBind)
            sql += "$\(binds.count)"
        }

        /// Appends `$n` and binds the value, or NULL when it is nil.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value.postgresBind)
            sql += "$\(binds.count)"
        }

        /// Appends a quoted SQL identifier (a table or channel name), never a value.
        public mutating func appendInterpolation(identifier: String) {
            sql += "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
