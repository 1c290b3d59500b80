import CLibPQ
import Dispatch
import Foundation

/// One libpq connection (`PGconn*`): the only `@unchecked Sendable` type of this module.
///
/// Why it is safe: every libpq call on the handle runs on the connection's own serial
/// `DispatchQueue`, so calls never overlap, and never on Swift's cooperative thread pool, so a
/// slow statement blocks one GCD thread, not the pool every task shares. Callers get exclusive use
/// from ``PostgresClient``; a connection is not meant to be shared by concurrent tasks.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let queue: DispatchQueue
    /// Touched only on `queue`, like the handle.
    private var statements = PreparedStatements()

    private init(handle: OpaquePointer, queue: DispatchQueue) {
        self.handle = handle
        self.queue = queue
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection and sets the session up for this wrapper's decoders
    /// (UTF-8, ISO dates, UTC).
    public static func connect(_ configuration: PostgresConfiguration) async throws -> PostgresConnection {
        let queue = DispatchQueue(label: "mailsync.postgres.connection")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try openBlocking(configuration, queue: queue) })
            }
        }
    }

    private static func openBlocking(_ configuration: PostgresConfiguration, queue: DispatchQueue) throws
        -> PostgresConnection
    {
        guard let handle = PostgresConnection.connectHandle(configuration) else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw PostgresError(code: .connectionFailed, message: message, safeMessage: "could not connect")
        }
        silenceNotices(handle)
        let connection = PostgresConnection(handle: handle, queue: queue)
        try connection.executeSimpleBlocking(Self.sessionSetup)
        return connection
    }

    /// Settings the decoders rely on, applied to every new session.
    static let sessionSetup =
        "SET client_encoding TO 'UTF8'; SET DateStyle TO ISO, YMD; SET TimeZone TO 'UTC'; SET IntervalStyle TO iso_8601"

    /// Drops server notices ("relation already exists, skipping", ...) instead of letting libpq
    /// print them to stderr; errors still arrive as results.
    static func silenceNotices(_ handle: OpaquePointer) {
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    /// `PQconnectdbParams` with the application name and session options first, so the
    /// connection string can override them.
    static func connectHandle(_ configuration: PostgresConfiguration) -> OpaquePointer? {
        let keywords = ["application_name", "options", "dbname"]
        let values = [configuration.applicationName, configuration.sessionOptions, configuration.connectionString]
        return withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
    }

    /// True while libpq considers the connection usable and no transaction is left open.
    public var isIdleAndHealthy: Bool {
        get async {
            await perform { handle in
                PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
            }
        }
    }

    /// The server process id of this session (for `pg_terminate_backend` in tests and tools).
    public var backendPID: Int32 {
        get async { await perform { PQbackendPID($0) } }
    }

    /// Runs one statement with its binds and returns every row.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withCancellation {
            try await self.performThrowing { _ in
                try self.runBlocking(query)
            }
        }
    }

    /// Runs SQL text without binds, several statements allowed (migrations, session settings).
    public func executeSimple(_ sql: String) async throws {
        try await withCancellation {
            try await self.performThrowing { _ in try self.executeSimpleBlocking(sql) }
        }
    }

    /// Runs many statements in one round trip using libpq's pipeline mode.
    ///
    /// The statements share one implicit transaction (one Sync at the end): if one fails, none
    /// takes effect, unless the batch itself contains `BEGIN`/`COMMIT`. Returns one result per
    /// statement, in order; throws the first statement's error.
    public func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] {
        if queries.isEmpty { return [] }
        return try await withCancellation {
            try await self.performThrowing { handle in
                try PostgresPipeline(handle: handle, queries: queries).run(&self.statements)
            }
        }
    }

    /// Runs `COPY ... FROM STDIN` with `data` in the statement's format (text by default: one row
    /// per line, tab-separated, `\N` for NULL) and returns the number of rows copied.
    ///
    /// COPY takes no bind parameters: the statement may interpolate only identifiers. A bad row
    /// throws the server's error and leaves the connection usable (inside a transaction, the
    /// transaction is aborted, as with any failed statement).
    /// ```swift
    /// let data = Array("1\thello\n2\t\\N\n".utf8)
    /// let copied = try await db.copyIn("COPY \(identifier: table) (id, body) FROM STDIN", data: data)
    /// ```
    @discardableResult
    public func copyIn(_ query: PostgresQuery, data: [UInt8]) async throws -> Int {
        try await withCancellation {
            try await self.performThrowing { handle in
                try PostgresCopy(handle: handle, query: query).copyIn(data)
            }
        }
    }

    /// Runs `COPY ... TO STDOUT` and returns everything the server sent, in the statement's
    /// format (text by default: one row per line).
    /// ```swift
    /// let rows = try await db.copyOut("COPY (SELECT id, body FROM \(identifier: table)) TO STDOUT")
    /// ```
    public func copyOut(_ query: PostgresQuery) async throws -> [UInt8] {
        try await withCancellation {
            try await self.performThrowing { handle in
                try PostgresCopy(handle: handle, query: query).copyOut()
            }
        }
    }

    // MARK: - Running on the connection's queue

    func perform<T: Sendable>(_ work: @escaping @Sendable (OpaquePointer) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work(self.handle)) }
        }
    }

    func performThrowing<T: Sendable>(_ work: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work(self.handle) }) }
        }
    }

    /// Asks the server to cancel the running statement when the task is cancelled.
    private func withCancellation<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        // PQgetCancel and PQcancel are documented as safe to call from another thread.
        let token = CancelToken(PQgetCancel(handle))
        return try await withTaskCancellationHandler {
            try await body()
        } onCancel: {
            token.fire()
        }
    }

    private func executeSimpleBlocking(_ sql: String) throws {
        guard let result = PQexec(handle, sql) else {
            throw PostgresError.fromConnection(handle)
        }
        defer { PQclear(result) }
        _ = try Self.rows(from: result, handle: handle)
    }

    /// Runs one statement on the queue: prepared once per connection when it has binds
    /// (``PreparedStatements``), else with `PQexecParams`.
    private func runBlocking(_ query: PostgresQuery) throws -> PostgresRows {
        try query.checkBinds()
        let count = Int32(query.binds.count)
        switch statements.plan(for: query) {
        case .unprepared:
            return try Self.rowsOf(handle) {
                withParameters(query.binds) { types, values, lengths, formats in
                    PQexecParams(handle, query.sql, count, types, values, lengths, formats, 0)
                }
            }
        case .prepared(let name, let isNew):
            if isNew {
                do {
                    _ = try Self.rowsOf(handle) {
                        withParameters(query.binds) { types, _, _, _ in PQprepare(handle, name, query.sql, count, types) }
                    }
                } catch {
                    statements.forget(query)
                    throw error
                }
            }
            do {
                return try Self.rowsOf(handle) {
                    withParameters(query.binds) { _, values, lengths, formats in
                        PQexecPrepared(handle, name, count, values, lengths, formats, 0)
                    }
                }
            } catch let error as PostgresError where error.sqlState == Self.cachedPlanChanged {
                statements.forget(query)
                throw error
            }
        }
    }

    /// "cached plan must not change result type": a table changed under a prepared statement.
    static let cachedPlanChanged = "0A000"

    /// The rows of the result `call` returns, or its error.
    private static func rowsOf(_ handle: OpaquePointer, _ call: () -> OpaquePointer?) throws -> PostgresRows {
        guard let result = call() else { throw PostgresError.fromConnection(handle) }
        defer { PQclear(result) }
        return try rows(from: result, handle: handle)
    }

    /// Turns a `PGresult` into rows, or into the error it carries.
    static func rows(from result: OpaquePointer, handle: OpaquePointer) throws -> PostgresRows {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(rows: [], affectedRows: affectedRows(result))
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return PostgresRows(rows: decodeRows(result), affectedRows: affectedRows(result))
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            throw PostgresError.fromResult(result, handle: handle)
        default:
            throw PostgresError(
                code: .protocolViolation, message: "unexpected result status \(PQresultStatus(result).rawValue)",
                safeMessage: "unexpected result status \(PQresultStatus(result).rawValue)")
        }
    }

    private static func affectedRows(_ result: OpaquePointer) -> Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    private static func decodeRows(_ result: OpaquePointer) -> [PostgresRow] {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var names: [String] = []
        var types: [PostgresType] = []
        for column in 0..<columnCount {
            names.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?")
            types.append(PostgresType(rawValue: PQftype(result, Int32(column))))
        }
        // One buffer for every value of the result; cells are slices of it.
        var total = 0
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                total += Int(PQgetlength(result, Int32(row), Int32(column)))
            }
        }
        var buffer = [UInt8]()
        buffer.reserveCapacity(total)
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    ranges.append(nil)
                    continue
                }
                let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                let start = buffer.count
                if let value = PQgetvalue(result, Int32(row), Int32(column)) {
                    value.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
                        buffer.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
                    }
                }
                ranges.append(start..<buffer.count)
            }
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var cells: [PostgresCell] = []
            cells.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                let range = ranges[row * columnCount + column]
                cells.append(PostgresCell(type: types[column], name: names[column], bytes: range.map { buffer[$0] }))
            }
            rows.append(PostgresRow(cells: cells))
        }
        return rows
    }
}

/// Holds a `PGcancel*` for a cancellation handler, which may run on any thread.
private final class CancelToken: @unchecked Sendable {
    // Safe: PQcancel is thread-safe, and the pointer lives until the token is released.
    private let cancel: OpaquePointer?
    init(_ cancel: OpaquePointer?) { self.cancel = cancel }
    deinit { if let cancel { PQfreeCancel(cancel) } }
    func fire() {
        guard let cancel else { return }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
    }
}

extension PostgresError {
    /// The error libpq reports for a connection-level failure.
    static func fromConnection(_ handle: OpaquePointer) -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        let closed = PQstatus(handle) != CONNECTION_OK
        return PostgresError(
            code: closed ? .connectionClosed : .protocolViolation, message: message,
            safeMessage: closed ? "connection lost" : nil)
    }

    /// The server error a result carries, with its diagnostic fields.
    static func fromResult(_ result: OpaquePointer, handle: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else {
                return nil
            }
            return String(cString: value)
        }
        guard let sqlState = field("C") else {
            return fromConnection(handle)
        }
        return PostgresError(
            code: .server, message: field("M") ?? "", sqlState: sqlState, detail: field("D"),
            constraint: field("n"), table: field("t"), column: field("c"))
    }
}

/// Calls `body` with C arrays of the binds' types, values, lengths and formats, valid during the call.
func withParameters<R>(
    _ binds: [PostgresBind],
    _ body: (
        UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
    ) -> R
) -> R {
    let types = binds.map { Oid($0.type.rawValue) }
    let lengths = binds.map { Int32($0.bytes?.count ?? 0) }
    let formats = binds.map { Int32($0.isBinary ? 1 : 0) }
    // Values are copied into one allocation with a NUL after each, as text-format params need.
    var offsets: [Int?] = []
    var storage = [CChar]()
    for bind in binds {
        guard let bytes = bind.bytes else {
            offsets.append(nil)
            continue
        }
        offsets.append(storage.count)
        storage.append(contentsOf: bytes.map { CChar(bitPattern: $0) })
        storage.append(0)
    }
    return storage.withUnsafeBufferPointer { buffer in
        let values: [UnsafePointer<CChar>?] = offsets.map { offset in
            offset.flatMap { offset in buffer.baseAddress.map { $0 + offset } }
        }
        return types.withUnsafeBufferPointer { typePointer in
            values.withUnsafeBufferPointer { valuePointer in
                lengths.withUnsafeBufferPointer { lengthPointer in
                    formats.withUnsafeBufferPointer { formatPointer in
                        body(
                            typePointer.baseAddress, valuePointer.baseAddress, lengthPointer.baseAddress,
                            formatPointer.baseAddress)
                    }
                }
            }
        }
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
