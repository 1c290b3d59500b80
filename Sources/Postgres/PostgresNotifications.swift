import CLibPQ
import Foundation
import Glibc
import Synchronization

/// A `NOTIFY` received on a listened channel.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel name.
    public var channel: String
    /// The payload (empty when none was sent).
    public var payload: String
    /// The server process that sent it.
    public var senderPID: Int32
}

/// What a notification stream yields.
public enum PostgresNotificationEvent: Sendable, Hashable {
    /// `LISTEN` is in effect for the first time: notifications sent from now on arrive.
    case listening
    /// A notification arrived.
    case notification(PostgresNotification)
    /// The connection broke and `LISTEN` is in effect again. Notifications sent meanwhile were
    /// lost: the consumer should catch up from the tables (the database is the truth).
    case reconnected
}

extension PostgresClient {
    /// Listens on `channels` on a dedicated connection and thread while `body` runs.
    ///
    /// The listener reconnects with capped exponential backoff when the connection breaks,
    /// re-issues `LISTEN`, and yields ``PostgresNotificationEvent/reconnected``.
    /// ```swift
    /// try await client.withNotifications(channels: ["mailsync_jobs"]) { events in
    ///     for await event in events { ... }
    /// }
    /// ```
    public func withNotifications<T: Sendable>(
        channels: [String],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (AsyncStream<PostgresNotificationEvent>) async throws -> T
    ) async throws -> T {
        let (stream, continuation) = AsyncStream.makeStream(of: PostgresNotificationEvent.self)
        let listener = try NotificationListener(
            configuration: configuration, channels: channels, continuation: continuation)
        continuation.onTermination = { _ in listener.stop() }
        listener.start()
        defer { listener.stop() }
        return try await body(stream)
    }
}

/// The blocking listen loop on its own thread: poll the socket and a wake-up pipe, consume input,
/// drain `PQnotifies`, reconnect on failure.
private final class NotificationListener: Sendable {
    private let configuration: PostgresConfiguration
    private let listenSQL: String
    private let continuation: AsyncStream<PostgresNotificationEvent>.Continuation
    private let stopped = Atomic<Bool>(false)
    /// A pipe whose read end the loop polls, so `stop()` wakes it at once.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init(
        configuration: PostgresConfiguration, channels: [String],
        continuation: AsyncStream<PostgresNotificationEvent>.Continuation
    ) throws {
        self.configuration = configuration
        self.listenSQL = channels.map { "LISTEN \"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
            .joined(separator: "; ")
        self.continuation = continuation
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw PostgresError(code: .connectionFailed, message: "pipe() failed", safeMessage: "pipe() failed")
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "mailsync.postgres.listen"
        thread.start()
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private var isStopped: Bool { stopped.load(ordering: .acquiring) }

    private func run() {
        var backoff = 0.05
        var hasListened = false
        while !isStopped {
            guard let handle = PostgresConnection.connectHandle(configuration) else { break }
            if PQstatus(handle) == CONNECTION_OK, execute(listenSQL, on: handle) {
                continuation.yield(hasListened ? .reconnected : .listening)
                hasListened = true
                backoff = 0.05
                listen(on: handle)
            }
            PQfinish(handle)
            if isStopped { break }
            waitForWake(timeoutMilliseconds: Int32(backoff * 1000))
            backoff = min(backoff * 2, 5)
        }
        continuation.finish()
    }

    /// Receives notifications until the connection breaks or the listener stops.
    private func listen(on handle: OpaquePointer) {
        let socket = PQsocket(handle)
        while !isStopped {
            var descriptors = [
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, 1000)
            if ready < 0 && errno != EINTR { return }
            if isStopped { return }
            if descriptors[0].revents != 0 {
                guard PQconsumeInput(handle) == 1 else { return }
                while let notice = PQnotifies(handle) {
                    let notification = PostgresNotification(
                        channel: String(cString: notice.pointee.relname),
                        payload: String(cString: notice.pointee.extra),
                        senderPID: notice.pointee.be_pid)
                    PQfreemem(notice)
                    continuation.yield(.notification(notification))
                }
            }
            if PQstatus(handle) != CONNECTION_OK { return }
        }
    }

    private func execute(_ sql: String, on handle: OpaquePointer) -> Bool {
        guard let result = PQexec(handle, sql) else { return false }
        defer { PQclear(result) }
        return PQresultStatus(result) == PGRES_COMMAND_OK
    }

    private func waitForWake(timeoutMilliseconds: Int32) {
        var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, timeoutMilliseconds)
    }
}
