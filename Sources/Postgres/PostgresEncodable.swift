import Foundation

/// A Swift value that can be sent as a bind parameter.
///
/// Every value interpolated into a ``PostgresQuery`` goes through this protocol and becomes `$n`.
public protocol PostgresEncodable: Sendable {
    /// The type OID sent with the parameter (also used for a NULL of this type).
    static var postgresType: PostgresType { get }
    /// The parameter as libpq sends it.
    var postgresBind: PostgresBind { get }
}

extension String: PostgresEncodable {
    public static var postgresType: PostgresType { .text }
    public var postgresBind: PostgresBind { PostgresBind(type: .text, text: self) }
}

extension Int: PostgresEncodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresBind: PostgresBind { PostgresBind(type: .int8, text: String(self)) }
}

extension Int64: PostgresEncodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresBind: PostgresBind { PostgresBind(type: .int8, text: String(self)) }
}

extension Int32: PostgresEncodable {
    public static var postgresType: PostgresType { .int4 }
    public var postgresBind: PostgresBind { PostgresBind(type: .int4, text: String(self)) }
}

extension Bool: PostgresEncodable {
    public static var postgresType: PostgresType { .bool }
    public var postgresBind: PostgresBind { PostgresBind(type: .bool, text: self ? "t" : "f") }
}

extension Double: PostgresEncodable {
    public static var postgresType: PostgresType { .float8 }
    public var postgresBind: PostgresBind {
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = "\(self)"
        }
        return PostgresBind(type: .float8, text: text)
    }
}

extension UUID: PostgresEncodable {
    public static var postgresType: PostgresType { .uuid }
    public var postgresBind: PostgresBind { PostgresBind(type: .uuid, text: uuidString) }
}

extension Date: PostgresEncodable {
    public static var postgresType: PostgresType { .timestamptz }
    public var postgresBind: PostgresBind {
        PostgresBind(type: .timestamptz, text: PostgresTimestamp.format(self))
    }
}

extension Array: PostgresEncodable where Element == UInt8 {
    public static var postgresType: PostgresType { .bytea }
    public var postgresBind: PostgresBind { PostgresBind(type: .bytea, isBinary: true, bytes: self) }
}

/// A `text[]` parameter or column.
public struct PostgresTextArray: PostgresEncodable, PostgresDecodable, Hashable {
    /// The elements; nil elements are SQL NULLs.
    public var elements: [String?]

    /// Wraps an array of strings.
    public init(_ elements: [String?]) { self.elements = elements }

    public static var postgresType: PostgresType { .textArray }
    public var postgresBind: PostgresBind {
        PostgresBind(type: .textArray, text: PostgresArrayLiteral.format(elements))
    }

    public init(postgresCell cell: PostgresCell) throws {
        guard let text = cell.string else { throw PostgresError.unexpectedNull(cell) }
        guard let elements = PostgresArrayLiteral.parse(text) else {
            throw PostgresError.undecodable(cell, as: "text[]")
        }
        self.elements = elements
    }
}

/// A `jsonb` parameter or column, holding the JSON text.
public struct PostgresJSON: PostgresEncodable, PostgresDecodable, Hashable {
    /// The JSON document as UTF-8 text.
    public var text: String

    /// Wraps JSON text as it is.
    public init(text: String) { self.text = text }

    /// Encodes a value with `JSONEncoder` (sorted keys, so equal values give equal text).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON text with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public static var postgresType: PostgresType { .jsonb }
    public var postgresBind: PostgresBind { PostgresBind(type: .jsonb, text: text) }

    public init(postgresCell cell: PostgresCell) throws {
        guard let text = cell.string else { throw PostgresError.unexpectedNull(cell) }
        self.text = text
    }
}
