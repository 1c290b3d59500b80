import CLibPQ

/// One `COPY` on a connection's queue: start the statement with `PQexec`, stream the data in
/// (`PQputCopyData`, `PQputCopyEnd`) or out (`PQgetCopyData`), then read results until libpq
/// has none left, so the connection is idle again whether the COPY succeeded or not.
struct PostgresCopy {
    /// How many bytes each `CopyData` message carries; rows may span messages.
    static let chunkSize = 1 << 17

    let handle: OpaquePointer
    let query: PostgresQuery

    /// Runs `COPY ... FROM STDIN` with `data` (in the statement's format) and returns the rows copied.
    func copyIn(_ data: [UInt8]) throws -> Int {
        try start(expecting: PGRES_COPY_IN)
        var sendFailure: PostgresError?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let length = min(Self.chunkSize, buffer.count - offset)
                let chunk = buffer.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                // -1 when the connection broke; a server error (bad row) shows up in the results.
                guard PQputCopyData(handle, chunk, Int32(length)) == 1 else {
                    sendFailure = PostgresError.fromConnection(handle)
                    return
                }
                offset += length
            }
        }
        if sendFailure == nil, PQputCopyEnd(handle, nil) != 1 {
            sendFailure = PostgresError.fromConnection(handle)
        }
        let affected = try finish()
        if let sendFailure { throw sendFailure }
        return affected
    }

    /// Runs `COPY ... TO STDOUT` and returns everything the server sent, in the statement's format.
    func copyOut() throws -> [UInt8] {
        try start(expecting: PGRES_COPY_OUT)
        var output: [UInt8] = []
        var receiveFailure: PostgresError?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { pointer in
                    output.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(length)))
                }
                PQfreemem(buffer)
                continue
            }
            // -1: the COPY is over (its status follows as a result); -2: the connection failed.
            if length == -2 { receiveFailure = PostgresError.fromConnection(handle) }
            break
        }
        _ = try finish()
        if let receiveFailure { throw receiveFailure }
        return output
    }

    /// Sends the statement and checks it started a COPY in the expected direction.
    private func start(expecting status: ExecStatusType) throws {
        guard query.binds.isEmpty else {
            throw PostgresError(
                code: .protocolViolation, message: "COPY takes no bind parameters",
                safeMessage: "COPY takes no bind parameters; interpolate only identifiers")
        }
        guard let result = PQexec(handle, query.sql) else {
            throw PostgresError.fromConnection(handle)
        }
        defer { PQclear(result) }
        let started = PQresultStatus(result)
        if started == status { return }
        if started == PGRES_COPY_IN || started == PGRES_COPY_OUT {
            // A COPY the other way round: end it so the connection stays usable.
            _ = try? finish()
        } else {
            // Not a COPY: throws the server's error when it refused the statement.
            _ = try PostgresConnection.rows(from: result, handle: handle)
        }
        throw PostgresError(
            code: .protocolViolation, message: "statement did not start a COPY in the expected direction",
            safeMessage: "expected a COPY \(status == PGRES_COPY_IN ? "FROM STDIN" : "TO STDOUT") statement")
    }

    /// Reads the remaining results until libpq returns none, returning the rows `COPY` reports
    /// or throwing the first error. A COPY left open (wrong direction) is ended on the way.
    private func finish() throws -> Int {
        var affected = 0
        var firstError: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COPY_IN:
                if PQputCopyEnd(handle, "COPY abandoned by the client") != 1 {
                    throw PostgresError.fromConnection(handle)
                }
            case PGRES_COPY_OUT:
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(handle, &buffer, 0) > 0 {
                    PQfreemem(buffer)
                    buffer = nil
                }
            default:
                do {
                    affected = try PostgresConnection.rows(from: result, handle: handle).affectedRows
                } catch let error as PostgresError {
                    if firstError == nil { firstError = error }
                }
            }
        }
        if let firstError { throw firstError }
        return affected
    }
}
