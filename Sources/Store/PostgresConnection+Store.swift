import Postgres

extension PostgresConnection {
    /// Runs a statement that must change exactly one row of `table`, else
    /// ``StoreError/Code/notFound`` (the row is not in the scope's tenant, or does not exist).
    func changeOne(_ query: PostgresQuery, of table: String) async throws {
        guard try await self.query(query).affectedRows == 1 else {
            throw StoreError(.notFound, object: table)
        }
    }
}
