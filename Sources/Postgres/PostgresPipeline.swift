import CLibPQ
import Glibc

/// One pipelined batch on a connection's queue: send every statement and a Sync, then read the
/// results while flushing, in non-blocking mode so neither side can stall on a full socket buffer.
/// Statements with binds run prepared, as in `PostgresConnection.query` (a new one is prepared
/// inside the same pipeline, just before it runs).
struct PostgresPipeline {
    /// One message of the pipeline whose results are read in turn.
    private enum Step {
        /// Prepares the statement of query `index`.
        case prepare(Int)
        /// Runs query `index`; its rows are the pipeline's result.
        case run(Int)
    }

    let handle: OpaquePointer
    let queries: [PostgresQuery]

    func run(_ statements: inout PreparedStatements) throws -> [PostgresRows] {
        guard PQenterPipelineMode(handle) == 1, PQsetnonblocking(handle, 1) == 0 else {
            throw PostgresError.fromConnection(handle)
        }
        defer {
            PQsetnonblocking(handle, 0)
            PQexitPipelineMode(handle)
        }
        for query in queries { try query.checkBinds() }
        var steps = [Step]()
        for (index, query) in queries.enumerated() {
            let count = Int32(query.binds.count)
            let sent: Int32
            switch statements.plan(for: query) {
            case .unprepared:
                sent = withParameters(query.binds) { types, values, lengths, formats in
                    PQsendQueryParams(handle, query.sql, count, types, values, lengths, formats, 0)
                }
            case .prepared(let name, let isNew):
                if isNew {
                    steps.append(.prepare(index))
                    let prepared = withParameters(query.binds) { types, _, _, _ in
                        PQsendPrepare(handle, name, query.sql, count, types)
                    }
                    guard prepared == 1 else {
                        statements.forget(query)
                        throw PostgresError.fromConnection(handle)
                    }
                }
                sent = withParameters(query.binds) { _, values, lengths, formats in
                    PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
                }
            }
            steps.append(.run(index))
            guard sent == 1 else { throw PostgresError.fromConnection(handle) }
        }
        guard PQpipelineSync(handle) == 1 else { throw PostgresError.fromConnection(handle) }
        return try collect(steps, statements: &statements)
    }

    /// Reads results until the Sync's, keeping the first error to throw once the pipeline is
    /// drained. A statement that did not get prepared, or whose plan the server refused, is
    /// forgotten so its next use prepares it again.
    private func collect(_ steps: [Step], statements: inout PreparedStatements) throws -> [PostgresRows] {
        var results: [PostgresRows] = []
        results.reserveCapacity(queries.count)
        var step = 0
        var current: PostgresRows?
        // The current step failed (or was skipped after an earlier failure), with the server's code if any.
        var failed = false
        var failedState: String?
        var firstError: PostgresError?
        let socket = PQsocket(handle)
        while true {
            let flush = PQflush(handle)
            guard flush >= 0 else { throw PostgresError.fromConnection(handle) }
            while PQisBusy(handle) == 0 {
                guard let result = PQgetResult(handle) else {
                    // End of one step's results.
                    if step < steps.count {
                        switch steps[step] {
                        case .prepare(let index):
                            if failed { statements.forget(queries[index]) }
                        case .run(let index):
                            if failed, failedState == PostgresConnection.cachedPlanChanged {
                                statements.forget(queries[index])
                            }
                            results.append(current ?? PostgresRows(rows: [], affectedRows: 0))
                        }
                    }
                    step += 1
                    current = nil
                    failed = false
                    failedState = nil
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
                    failed = true
                default:
                    do {
                        current = try PostgresConnection.rows(from: result, handle: handle)
                    } catch let error as PostgresError {
                        if firstError == nil { firstError = error }
                        current = PostgresRows(rows: [], affectedRows: 0)
                        failed = true
                        failedState = error.sqlState
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
