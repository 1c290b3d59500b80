import Foundation

/// A Swift type that a result column (PostgreSQL text format) decodes into.
///
/// `Optional` conforms when its wrapped type does, decoding SQL NULL as nil; every other type
/// throws ``PostgresError/Code/unexpectedNull`` on NULL.
public protocol PostgresDecodable: Sendable {
    /// Decodes one cell.
    init(postgresCell cell: PostgresCell) throws
}

extension PostgresError {
    static func unexpectedNull(_ cell: PostgresCell) -> PostgresError {
        PostgresError(
            code: .unexpectedNull, message: "column \(cell.name) is NULL",
            safeMessage: "column \(cell.name) is NULL")
    }

    static func undecodable(_ cell: PostgresCell, as type: String) -> PostgresError {
        PostgresError(
            code: .decoding, message: "column \(cell.name) (oid \(cell.type.rawValue)) is not a \(type)",
            safeMessage: "column \(cell.name) (oid \(cell.type.rawValue)) is not a \(type)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        if cell.bytes == nil {
            self = .none
        } else {
            self = .some(try Wrapped(postgresCell: cell))
        }
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public var postgresBind: PostgresBind {
        switch self {
        case .none:
            return PostgresBind(type: Wrapped.postgresType, isBinary: Wrapped.postgresType == .bytea, bytes: nil)
        case .some(let value):
            return value.postgresBind
        }
    }
}

extension String: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let text = cell.string else { throw PostgresError.unexpectedNull(cell) }
        self = text
    }
}

extension PostgresCell {
    /// The text of a non-NULL cell, or the matching error.
    fileprivate func requireText(as type: String) throws -> String {
        guard let text = string else { throw PostgresError.unexpectedNull(self) }
        return text
    }
}

extension Int: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int(try cell.requireText(as: "Int")) else { throw PostgresError.undecodable(cell, as: "Int") }
        self = value
    }
}

extension Int64: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int64(try cell.requireText(as: "Int64")) else {
            throw PostgresError.undecodable(cell, as: "Int64")
        }
        self = value
    }
}

extension Int32: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int32(try cell.requireText(as: "Int32")) else {
            throw PostgresError.undecodable(cell, as: "Int32")
        }
        self = value
    }
}

extension Bool: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        switch try cell.requireText(as: "Bool") {
        case "t": self = true
        case "f": self = false
        default: throw PostgresError.undecodable(cell, as: "Bool")
        }
    }
}

extension Double: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Double(try cell.requireText(as: "Double")) else {
            throw PostgresError.undecodable(cell, as: "Double")
        }
        self = value
    }
}

extension UUID: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = UUID(uuidString: try cell.requireText(as: "UUID")) else {
            throw PostgresError.undecodable(cell, as: "UUID")
        }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = PostgresTimestamp.parse(try cell.requireText(as: "Date")) else {
            throw PostgresError.undecodable(cell, as: "timestamptz")
        }
        self = value
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public init(postgresCell cell: PostgresCell) throws {
        guard let bytes = cell.bytes else { throw PostgresError.unexpectedNull(cell) }
        guard let decoded = PostgresHex.decodeBytea(bytes) else {
            throw PostgresError.undecodable(cell, as: "bytea")
        }
        self = decoded
    }
}
