import AsyncHTTPClient
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
/// `MAILSYNC_GRAPH_API_URL=http://127.0.0.1:{port}/v1.0`. Mount it on another router with
/// `addRoutes(to:)`, or run it alone:
///
/// ```swift
/// let emulator = MicrosoftEmulator()
/// let port = try await emulator.start()
/// let account = await emulator.state.createAccount(address: "ada@contoso.test")
/// defer { Task { await emulator.stop() } }
/// ```
public final class MicrosoftEmulator: Sendable {
    /// Everything the emulator holds; the control API in Swift.
    public let state: MicrosoftEmulatorState
    private let server = ServerHandle()

    /// Creates an emulator; notifications and validation requests go out through `httpClient`.
    public init(configuration: MicrosoftEmulatorConfiguration = .init(), httpClient: HTTPClient = .shared) {
        state = MicrosoftEmulatorState(configuration: configuration, httpClient: httpClient)
    }

    /// Adds the login, Graph, upload and control routes to `router`. Paths: `/{tenant}/oauth2/v2.0/*`,
    /// `/v1.0/*`, `/api/v2.0/AttachmentSessions/*`, `/emulator/microsoft/*`.
    public func addRoutes(to router: Router<some RequestContext>) {
        LoginRoutes(state: state).addRoutes(to: router)
        GraphRoutes(state: state).addRoutes(to: router)
        UploadRoutes(state: state).addRoutes(to: router)
        ControlRoutes(state: state).addRoutes(to: router)
    }

    /// A router with only this emulator's routes.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        addRoutes(to: router)
        return router
    }

    /// Starts serving on `host:port` (port 0 picks a free one) and returns the bound port. The
    /// server runs until `stop()`.
    public func start(host: String = "127.0.0.1", port: Int = 0, logger: Logger = Logger(label: "emulator.microsoft"))
        async throws -> Int
    {
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
