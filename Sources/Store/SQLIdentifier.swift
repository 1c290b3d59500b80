/// Quoting for identifiers that Store puts into SQL text it builds at run time (table and column
/// names from the catalog or from ``EncryptedColumn``), never values.
enum SQLIdentifier {
    /// `name` as a quoted identifier: `"name"`, inner quotes doubled.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
