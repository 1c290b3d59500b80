import CLibPQ
import Glibc

/// One pipelined batch on a connection's queue: send every statement and a Sync, then read the
/// results while flushing, in non-blocking mode so neither side can stall on a full socket buffer.
struct PostgresPipeline {
    let handle: OpaquePointer
    let queries: [PostgresQuery]

    func run() throws -> [PostgresRows] {
        guard PQenterPipelineMode(handle) == 1, PQsetnonblocking(handle, 1) == 0 else {
            throw PostgresError.fromConnection(handle)
        }
        defer {
            PQsetnonblocking(handle, 0)
            PQexitPipelineMode(handle)
        }
        for query in queries { try query.checkBinds() }
        for query in queries {
            let sent = withParameters(query.binds) { types, values, lengths, formats in
                PQsendQueryParams(handle, query.sql, Int32(query.binds.count), types, values, lengths, formats, 0)
            }
            guard sent == 1 else { throw PostgresError.fromConnection(handle) }
        }
        guard PQpipelineSync(handle) == 1 else { throw PostgresError.fromConnection(handle) }
        return try collect()
    }

    /// Reads results until the Sync's, keeping the first error to throw once the pipeline is drained.
    private func collect() throws -> [PostgresRows] {
        var results: [PostgresRows] = []
        results.reserveCapacity(queries.count)
        var current: PostgresRows?
        var firstError: PostgresError?
        let socket = PQsocket(handle)
        while true {
            let flush = PQflush(handle)
            guard flush >= 0 else { throw PostgresError.fromConnection(handle) }
            while PQisBusy(handle) == 0 {
                guard let result = PQgetResult(handle) else {
                    // End of one statement's results.
                    results.append(current ?? PostgresRows(rows: [], affectedRows: 0))
                    current = nil
                    continue
                }
                defer { PQclear(result) }
                switch PQresultStatus(result) {
                case PGRES_PIPELINE_SYNC:
                    if let firstError { throw firstError }
                    guard results.count == queries.count else {
                        throw PostgresError(
                            code: .protocolViolation, message: "pipeline returned \(results.count) results",
                            safeMessage: "pipeline returned \(results.count) results for \(queries.count) statements")
                    }
                    return results
                case PGRES_PIPELINE_ABORTED:
                    current = PostgresRows(rows: [], affectedRows: 0)
                default:
                    do {
                        current = try PostgresConnection.rows(from: result, handle: handle)
                    } catch let error as PostgresError {
                        if firstError == nil { firstError = error }
                        current = PostgresRows(rows: [], affectedRows: 0)
                    }
                }
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN) | (flush == 1 ? Int16(POLLOUT) : 0), revents: 0)
            guard poll(&descriptor, 1, -1) >= 0 || errno == EINTR else {
                throw PostgresError.fromConnection(handle)
            }
            if descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0, PQconsumeInput(handle) == 0 {
                throw PostgresError.fromConnection(handle)
            }
        }
    }
}
