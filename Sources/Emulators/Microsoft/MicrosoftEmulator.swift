import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A Microsoft 365 emulator on loopback that follows the published wire format: the identity
/// platform's v2 login (consent page, codes, expiring access tokens, rotating refresh tokens),
/// Microsoft Graph v1.0 mail (folders, delta, messages, MIME send, drafts, upload sessions,
/// subscriptions with validation and batched notifications), and a control API under
/// `/emulator/microsoft/`.
///
/// Point the service at it with `MAILSYNC_MICROSOFT_LOGIN_URL=http://127.0.0.1:{port}` and
/// `MAILSYNC_GRAPH_API_URL=http://127.0.0.1:{port}/v1.0`. Three ways to serve it:
///
/// ```swift
/// let emulator = MicrosoftEmulator()
/// let port = try await emulator.start()                    // its own server
/// emulator.addRoutes(to: router)                            // routes on another Hummingbird router
/// let answer = await emulator.respond(to: request)          // behind any server; nil: not its path
/// ```
public final class MicrosoftEmulator: Sendable {
    /// Everything the emulator holds; the control API in Swift.
    public let state: MicrosoftEmulatorState
    private let routes: MicrosoftRouteTable
    private let server = ServerHandle()

    /// The largest request body read (message uploads and deliveries included).
    public static let maxBodyBytes = 200 * 1024 * 1024

    /// Creates an emulator; notifications and validation requests go out through `httpClient`.
    public init(configuration: MicrosoftEmulatorConfiguration = .init(), httpClient: HTTPClient = .shared) {
        let state = MicrosoftEmulatorState(configuration: configuration, httpClient: httpClient)
        var routes = MicrosoftRouteTable()
        MicrosoftLoginRoutes(state: state).addRoutes(to: &routes)
        GraphRoutes(state: state).addRoutes(to: &routes)
        GraphUploadRoutes(state: state).addRoutes(to: &routes)
        MicrosoftControlRoutes(state: state).addRoutes(to: &routes)
        self.state = state
        self.routes = routes
    }

    /// Answers a request, or returns nil when its method and path are none of the emulator's:
    /// `/{tenant}/oauth2/v2.0/*`, `/v1.0/*`, `/api/v2.0/AttachmentSessions/*`, `/emulator/microsoft/*`.
    public func respond(to request: MicrosoftEmulatorRequest) async -> MicrosoftEmulatorResponse? {
        guard let (route, parameters) = routes.match(request) else { return nil }
        return await route.handler(request, parameters)
    }

    /// Adds every route of the emulator to `router`.
    public func addRoutes(to router: Router<some RequestContext>) {
        for route in routes.routes {
            guard let method = HTTPRequest.Method(route.method) else { continue }
            router.on(RouterPath(route.pattern), method: method) { request, _ in
                try await self.serve(request)
            }
        }
    }

    /// A router with only this emulator's routes.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        addRoutes(to: router)
        return router
    }

    /// Starts serving on `host:port` (port 0 picks a free one) and returns the bound port. The
    /// server runs until `stop()`.
    public func start(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger = Logger(label: "emulator.microsoft")
    ) async throws -> Int {
        let bound = AsyncStream<Int>.makeStream()
        let application = Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "microsoft-emulator"),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? port)
                bound.continuation.finish()
            }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            // A server that cannot bind ends the stream, so `start` throws its error.
            defer { bound.continuation.finish() }
            try await group.run()
        }
        await server.set(group, task)
        for await port in bound.stream { return port }
        try await task.value
        throw CancellationError()
    }

    /// Stops the server `start` began.
    public func stop() async {
        await server.stop()
    }

    private func serve(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        let call = MicrosoftEmulatorRequest(
            method: request.method.rawValue, path: request.uri.path,
            query: request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) },
            headers: request.headers.map { (name: $0.name.rawName, value: $0.value) }, body: Array(buffer: body),
            origin: "http://\(request.head.authority ?? "127.0.0.1")")
        let answer =
            await respond(to: call)
            ?? MicrosoftEmulatorResponse(
                status: 404, headers: [("Content-Type", "text/plain")], body: Array("Not Found".utf8))
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPFields.Element.Name(name) {
                headers.append(HTTPFields.Element(name: fieldName, value: value))
            }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// The running server: its service group (for a graceful shutdown) and the task running it.
private actor ServerHandle {
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?

    func set(_ group: ServiceGroup, _ task: Task<Void, any Error>) {
        self.group = group
        self.task = task
    }

    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        group = nil
        task = nil
    }
}
