/// The statements one connection has prepared, by SQL text and parameter types: a statement the
/// service runs again is parsed, analysed and (once PostgreSQL settles on a generic plan) planned
/// only once per connection. In the sync benchmark, parsing and planning were a quarter of the
/// server's time.
///
/// A value type the connection mutates only on its own queue. Only statements with binds are
/// prepared (those without are `BEGIN`, `SET LOCAL ...` or one-off DDL); at most ``capacity`` per
/// connection, after which new texts run unprepared, so texts that vary (a list spelled out in
/// the SQL) cannot grow a connection without bound.
struct PreparedStatements {
    /// The most statements one connection keeps prepared.
    static let capacity = 500

    /// A statement's identity: the same text with other parameter types is another statement.
    struct Key: Hashable {
        var sql: String
        var types: [UInt32]
    }

    /// What to run a query as.
    enum Plan: Equatable {
        /// `PQexecPrepared` of this name, preparing it first when `isNew`.
        case prepared(name: String, isNew: Bool)
        /// `PQexecParams`: no binds, or the cache is full.
        case unprepared
    }

    private var names: [Key: String] = [:]
    private var counter = 0

    /// How to run `query`; a new name is remembered at once, so a failed `PQprepare` must `forget` it.
    mutating func plan(for query: PostgresQuery) -> Plan {
        guard !query.binds.isEmpty else { return .unprepared }
        let key = Key(sql: query.sql, types: query.binds.map(\.type.rawValue))
        if let name = names[key] { return .prepared(name: name, isNew: false) }
        guard names.count < Self.capacity else { return .unprepared }
        counter += 1
        let name = "mailsync_\(counter)"
        names[key] = name
        return .prepared(name: name, isNew: true)
    }

    /// Drops a statement that failed to prepare, or whose cached plan the server refused (a table
    /// changed under it); the next use prepares it again under a new name.
    mutating func forget(_ query: PostgresQuery) {
        names[Key(sql: query.sql, types: query.binds.map(\.type.rawValue))] = nil
    }
}
