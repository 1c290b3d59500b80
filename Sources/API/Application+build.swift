import Hummingbird
import Logging
import Postgres
import JobQueue
import Prometheus
import Providers
import Store
import Sync

/// Where the HTTP server listens.
public struct HTTPConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int

    /// Creates a configuration.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Everything the routes need, passed in (tests swap the pieces they need).
public struct APIDependencies: Sendable {
    /// Tenant-scoped access to the tables (runtime role) and the keyring.
    public var store: Store
    /// The migration files the service was built with (readiness compares them with the database).
    public var migrations: [Migration]
    /// The registry `MetricsSystem` is bootstrapped with, rendered at `/metrics`.
    public var metrics: PrometheusCollectorRegistry
    /// The domain of new sub-accounts' sync BCC addresses.
    public var bccDomain: String
    /// Connect, status and disconnect; nil serves no connection routes.
    public var lifecycle: ConnectionLifecycle?
    /// Verifies Gmail Pub/Sub pushes; nil serves no Gmail webhook.
    public var gmailPush: GmailPushVerifier?
    /// Writes CRM sends (messages, outbox rows, jobs); nil serves no send route.
    public var sending: OutboundEmailWriter?
    /// The shared token the inbound-mail provider or MTA posts BCC copies with; nil refuses them all.
    public var inboundToken: String?
    /// The server-rendered pages under `/app`; nil serves none.
    public var pages: PagesConfiguration?

    /// Creates the dependencies.
    public init(
        store: Store, migrations: [Migration], metrics: PrometheusCollectorRegistry, bccDomain: String,
        lifecycle: ConnectionLifecycle? = nil, gmailPush: GmailPushVerifier? = nil, inboundToken: String? = nil,
        pages: PagesConfiguration? = nil
    ) {
        self.store = store
        self.migrations = migrations
        self.metrics = metrics
        self.bccDomain = bccDomain
        self.lifecycle = lifecycle
        self.gmailPush = gmailPush
        self.inboundToken = inboundToken
        self.pages = pages
    }
}

/// Builds the router with every route of the service: public health and metrics routes, and the
/// authenticated `/v1` API.
public func buildRouter(_ dependencies: APIDependencies, logger: Logger) -> Router<MailSyncRequestContext> {
    let router = Router(context: MailSyncRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    HealthController(database: dependencies.store.client, migrations: dependencies.migrations, logger: logger)
        .addRoutes(to: router)
    MetricsController(registry: dependencies.metrics, database: dependencies.store.client).addRoutes(to: router)
    let v1 = router.group("v1")
        .add(middleware: ErrorMappingMiddleware())
        .add(middleware: AuthenticationMiddleware(store: dependencies.store))
    let store = dependencies.store
    SubAccountController(store: store, bccDomain: dependencies.bccDomain).addRoutes(to: v1)
    UserController(store: store).addRoutes(to: v1)
    ContactController(store: store).addRoutes(to: v1)
    EmailProviderController(store: store).addRoutes(to: v1)
    APIKeyController(store: store).addRoutes(to: v1)
    MailController(store: store, queue: JobQueue(client: store.client)).addRoutes(to: v1)
    SyncDecisionController(store: store).addRoutes(to: v1)
    WebhookEndpointController(store: store).addRoutes(to: v1)
    if let lifecycle = dependencies.lifecycle {
        ConnectionController(lifecycle: lifecycle).addRoutes(to: v1, callback: router)
    }
    PushWebhookController(store: store, queue: JobQueue(client: store.client), gmail: dependencies.gmailPush)
        .addRoutes(to: router)
    GraphWebhookController(store: store, queue: JobQueue(client: store.client)).addRoutes(to: router)
    InboundMailController(inbox: BCCInbox(store: store), token: dependencies.inboundToken).addRoutes(to: router)
    if let sending = dependencies.sending {
        EmailController(store: store, writer: sending).addRoutes(to: v1)
        UnsubscribeController(store: store).addRoutes(to: router)
    }
    if let pages = dependencies.pages {
        PageRoutes(store: store, lifecycle: dependencies.lifecycle, sending: dependencies.sending, configuration: pages)
            .addRoutes(to: router)
    }
    return router
}

/// Builds the HTTP application; `mailsync serve` runs it.
public func buildApplication(http: HTTPConfiguration, dependencies: APIDependencies, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies, logger: logger),
        configuration: .init(address: .hostname(http.host, port: http.port), serverName: "mailsync"),
        logger: logger)
}
