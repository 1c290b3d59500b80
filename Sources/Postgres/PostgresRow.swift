/// One row of a result, decoded by position or by column name.
///
/// ```swift
/// let (id, email) = try row.decode((UUID, String?).self)
/// let name = try row.decode(String.self, column: "name")
/// ```
public struct PostgresRow: Sendable {
    /// The row's cells in column order.
    public let cells: [PostgresCell]

    /// Creates a row from its cells.
    public init(cells: [PostgresCell]) { self.cells = cells }

    /// Decodes the cell at a column position.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        guard cells.indices.contains(index) else {
            throw PostgresError(
                code: .decoding, message: "no column at position \(index)",
                safeMessage: "no column at position \(index)")
        }
        return try T(postgresCell: cells[index])
    }

    /// Decodes the cell of a named column.
    public func decode<T: PostgresDecodable>(_ type: T.Type, column name: String) throws -> T {
        guard let index = cells.firstIndex(where: { $0.name == name }) else {
            throw PostgresError(code: .decoding, message: "no column \(name)", safeMessage: "no column \(name)")
        }
        return try T(postgresCell: cells[index])
    }

    /// Decodes the leading cells into a tuple, one type per column.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws -> (repeat each T) {
        var index = 0
        func next<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value {
            defer { index += 1 }
            return try decode(type, at: index)
        }
        return (repeat try next((each T).self))
    }
}

/// The complete result of one statement.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The result's rows.
    public let rows: [PostgresRow]
    /// The number of rows the statement affected (INSERT, UPDATE, DELETE, ...), 0 otherwise.
    public let affectedRows: Int

    /// Creates a result.
    public init(rows: [PostgresRow], affectedRows: Int) {
        self.rows = rows
        self.affectedRows = affectedRows
    }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PostgresRow { rows[position] }

    /// Decodes every row into a tuple.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws -> [(repeat each T)] {
        try rows.map { try $0.decode(types) }
    }

    /// Decodes the first column of every row.
    public func decodeColumn<T: PostgresDecodable>(_ type: T.Type) throws -> [T] {
        try rows.map { try $0.decode(type, at: 0) }
    }

    /// The single row of a result that must have exactly one.
    public func single() throws -> PostgresRow {
        guard rows.count == 1 else {
            throw PostgresError(
                code: .decoding, message: "expected one row, got \(rows.count)",
                safeMessage: "expected one row, got \(rows.count)")
        }
        return rows[0]
    }
}
