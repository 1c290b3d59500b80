/// A PostgreSQL type OID, as sent with bind parameters and read from result columns.
public struct PostgresType: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Let the server infer the type from the context.
    public static let unspecified = PostgresType(rawValue: 0)
    public static let bool = PostgresType(rawValue: 16)
    public static let bytea = PostgresType(rawValue: 17)
    public static let int8 = PostgresType(rawValue: 20)
    public static let int2 = PostgresType(rawValue: 21)
    public static let int4 = PostgresType(rawValue: 23)
    public static let text = PostgresType(rawValue: 25)
    public static let json = PostgresType(rawValue: 114)
    public static let float4 = PostgresType(rawValue: 700)
    public static let float8 = PostgresType(rawValue: 701)
    public static let textArray = PostgresType(rawValue: 1009)
    public static let int8Array = PostgresType(rawValue: 1016)
    public static let varchar = PostgresType(rawValue: 1043)
    public static let timestamp = PostgresType(rawValue: 1114)
    public static let timestamptz = PostgresType(rawValue: 1184)
    public static let numeric = PostgresType(rawValue: 1700)
    public static let uuid = PostgresType(rawValue: 2950)
    public static let uuidArray = PostgresType(rawValue: 2951)
    public static let jsonb = PostgresType(rawValue: 3802)
}

/// One bind parameter as libpq sends it: a type, a wire format and the bytes (nil is SQL NULL).
public struct PostgresBind: Sendable {
    /// The parameter's type OID.
    public var type: PostgresType
    /// True for binary format (bytea), false for PostgreSQL's text format.
    public var isBinary: Bool
    /// The encoded value; nil sends NULL.
    public var bytes: [UInt8]?

    /// Creates a bind from already-encoded bytes.
    public init(type: PostgresType, isBinary: Bool = false, bytes: [UInt8]?) {
        self.type = type
        self.isBinary = isBinary
        self.bytes = bytes
    }

    /// A text-format bind.
    public init(type: PostgresType, text: String) {
        self.init(type: type, bytes: Array(text.utf8))
    }
}

/// One column value of a result row, in PostgreSQL's text format (nil is SQL NULL).
public struct PostgresCell: Sendable {
    /// The column's type OID as the server reported it.
    public var type: PostgresType
    /// The column's name.
    public var name: String
    /// The value's text-format bytes; nil for NULL.
    public var bytes: ArraySlice<UInt8>?

    /// The value as a UTF-8 string (nil for NULL).
    public var string: String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}
