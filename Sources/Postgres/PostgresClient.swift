import Foundation

/// The database handle the service passes around: a small connection pool with scoped access.
///
/// Nothing escapes the closures: leaving `withConnection` returns the connection to the pool,
/// leaving `withTransaction` commits (or rolls back on a throw).
/// ```swift
/// let count = try await client.withTransaction(settings: ["mailsync.sub_account_id": id.uuidString]) { db in
///     try await db.query("SELECT count(*) FROM contacts").single().decode(Int.self, at: 0)
/// }
/// ```
public final class PostgresClient: Sendable {
    /// The configuration the pool opens connections with.
    public let configuration: PostgresConfiguration
    private let pool: ConnectionPool

    /// Creates a pool; connections are opened on first use.
    public init(configuration: PostgresConfiguration) {
        self.configuration = configuration
        self.pool = ConnectionPool(configuration: configuration)
    }

    /// Leases a connection for the duration of `body`.
    @discardableResult
    public func withConnection<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await pool.lease()
        do {
            let value = try await body(connection)
            await pool.release(connection)
            return value
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    @discardableResult
    ///
    /// `settings` are applied with `set_config(name, value, true)`, so they last only for this
    /// transaction; tenant scoping (`mailsync.sub_account_id`, `mailsync.agency_id`) uses them.
    public func withTransaction<T: Sendable>(
        settings: KeyValuePairs<String, String> = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            var begin: [PostgresQuery] = ["BEGIN"]
            for (name, value) in settings {
                begin.append("SELECT set_config(\(name), \(value), true)")
            }
            _ = try await connection.pipeline(begin)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT")
                return value
            } catch {
                // A broken connection cannot roll back; the pool discards it on release.
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs one statement on a pooled connection, outside any explicit transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Closes the idle connections; leased ones close when they come back.
    public func shutdown() async {
        await pool.shutdown()
    }
}

/// Hands out connections, opening up to `maxConnections`, and queues callers beyond that.
private actor ConnectionPool {
    private let configuration: PostgresConfiguration
    private var idle: [PostgresConnection] = []
    private var openCount = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<PostgresConnection?, Error>)] = []
    private var nextWaiterID: UInt64 = 0
    private var isShutDown = false

    init(configuration: PostgresConfiguration) {
        self.configuration = configuration
    }

    func lease() async throws -> PostgresConnection {
        while true {
            if isShutDown {
                throw PostgresError(code: .connectionClosed, message: "pool is shut down", safeMessage: "pool is shut down")
            }
            if let connection = idle.popLast() {
                return connection
            }
            if openCount < configuration.maxConnections {
                openCount += 1
                do {
                    return try await PostgresConnection.connect(configuration)
                } catch {
                    openCount -= 1
                    wakeOneWaiter()
                    throw error
                }
            }
            // Wait for a release; nil means "a slot opened, try again".
            if let connection = try await waitForRelease() {
                return connection
            }
        }
    }

    private func waitForRelease() async throws -> PostgresConnection? {
        nextWaiterID += 1
        let id = nextWaiterID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    func release(_ connection: PostgresConnection) async {
        let healthy = await connection.isIdleAndHealthy
        guard healthy, !isShutDown else {
            openCount -= 1
            wakeOneWaiter()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func wakeOneWaiter() {
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: nil)
        }
    }

    func shutdown() {
        isShutDown = true
        openCount -= idle.count
        idle.removeAll()
        for waiter in waiters {
            waiter.continuation.resume(throwing: CancellationError())
        }
        waiters.removeAll()
    }
}
