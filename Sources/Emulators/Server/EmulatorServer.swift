import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// An HTTP server (Hummingbird) in front of one or more emulators; each request goes to the
/// first emulator that claims its path. Port 0 picks a free port.
///
/// ```swift
/// try await EmulatorServer(emulators: [google]).withRunning { origin in
///     // origin is e.g. http://127.0.0.1:41234
/// }
/// ```
public struct EmulatorServer: Sendable {
    /// The emulators, asked in order.
    public let emulators: [any Emulator]
    /// The address to bind.
    public let host: String
    /// The port to bind; 0 picks a free one.
    public let port: Int
    /// The largest request body accepted.
    public let maxBodyBytes: Int
    private let logger: Logger

    /// Creates a server.
    public init(
        emulators: [any Emulator], host: String = "127.0.0.1", port: Int = 0, maxBodyBytes: Int = 64 << 20,
        logger: Logger = Logger(label: "mailsync.emulators")
    ) {
        self.emulators = emulators
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// The HTTP application; `onRunning` receives the bound port.
    public func buildApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        let emulators = emulators
        let maxBodyBytes = maxBodyBytes
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
            router.on("/**", method: method) { request, _ in
                try await Self.respond(to: request, emulators: emulators, maxBodyBytes: maxBodyBytes)
            }
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "mailsync-emulators"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }

    /// Runs the server while `body` runs, then shuts it down; `body` gets the origin URL.
    public func withRunning<T: Sendable>(_ body: @Sendable (URL) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication { port in continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { continuation.finish() }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next(), let origin = URL(string: "http://\(host):\(bound)") else {
                await group.triggerGracefulShutdown()
                throw CancellationError()
            }
            do {
                let result = try await body(origin)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Runs until SIGTERM or SIGINT (`mailsync emulators`).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [buildApplication(onRunning: onRunning)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }

    private static func respond(to request: Request, emulators: [any Emulator], maxBodyBytes: Int) async throws
        -> Response
    {
        var request = request
        let body = try await request.collectBody(upTo: maxBodyBytes)
        var headers = [String: String]()
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        let target = request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
        var call = EmulatorRequest(
            method: request.method.rawValue, target: target, headers: headers, body: Array(buffer: body))
        call.origin = request.head.authority.map { "http://" + $0 }
        var reply = EmulatorReply(status: 404, headers: [("Content-Type", "text/plain")], body: Array("Not Found".utf8))
        for emulator in emulators {
            if let answer = await emulator.handle(call) {
                reply = answer
                break
            }
        }
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPFields.Element.Name(name) {
                fields.append(HTTPFields.Element(name: fieldName, value: value))
            }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
