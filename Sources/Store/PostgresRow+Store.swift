import Postgres

extension PostgresRow {
    /// Decodes a text column into a string enum, or ``StoreError/Code/invalidStoredValue``.
    func decode<Value: RawRepresentable>(_ type: Value.Type, column name: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: try decode(String.self, column: name)) else {
            throw StoreError(.invalidStoredValue, object: name)
        }
        return value
    }

    /// Decodes a `text[]` column without NULL elements.
    func decodeStrings(column name: String) throws -> [String] {
        let array = try decode(PostgresTextArray.self, column: name)
        return try array.elements.map { element in
            guard let element else { throw StoreError(.invalidStoredValue, object: name) }
            return element
        }
    }
}

extension PostgresError {
    /// A unique violation as ``StoreError/Code/alreadyExists`` naming the constraint; other errors unchanged.
    var asStoreError: Error {
        isUniqueViolation ? StoreError(.alreadyExists, object: constraint ?? table) : self
    }
}
