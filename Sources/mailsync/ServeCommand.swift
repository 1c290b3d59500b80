import API
import ArgumentParser
import AsyncHTTPClient
import Foundation
import JobQueue
import Providers
import Sync
import Hummingbird
import Logging
import Metrics
import Postgres
import Prometheus
import Store

/// `mailsync serve`: the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP API.")

    @Option(help: "Address to bind (default: MAILSYNC_HTTP_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (default: MAILSYNC_HTTP_PORT or 8080).")
    var port: Int?

    func run() async throws {
        let environment = Environment()
        let logger = Logger(label: "mailsync.serve")
        let migrations = try Migration.load(from: environment.migrationsDirectory)
        let keyring = try Keyring(parsing: environment.secretKeys)
        let database = PostgresClient(
            configuration: PostgresConfiguration(connectionString: environment.databaseURL, applicationName: "mailsync-serve"))
        do {
            try await keyring.verify(on: database)
        } catch {
            await database.shutdown()
            throw error
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let store = Store(client: database, keyring: keyring)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let google = GoogleConfiguration()
        let lifecycle = ConnectionLifecycle(
            store: store, queue: JobQueue(client: database),
            providers: ProviderRegistry([
                GmailProvider(configuration: google, httpClient: http),
                GraphClient(configuration: MicrosoftConfiguration.fromEnvironment(), httpClient: http,
                    limiter: MailboxRequestLimiter()),
            ]),
            redirectURI: environment.publicURL + "/oauth/callback",
            pushTarget: { kind, mailboxID in
                PushTargets(publicURL: environment.publicURL, keyring: keyring).target(for: kind, mailboxID: mailboxID)
            }, logger: logger)
        var dependencies = APIDependencies(
            store: store, migrations: migrations, metrics: registry, bccDomain: environment.bccDomain,
            lifecycle: lifecycle, gmailPush: GmailPushVerifier(configuration: google, httpClient: http),
            inboundToken: environment.inboundToken,
            pages: PagesConfiguration(
                publicURL: environment.publicURL, emulatedMailboxesURL: environment["MAILSYNC_EMULATED_MAILBOXES_URL"]))
        dependencies.sending = OutboundEmailWriter(
            settings: environment.sendSettings, keyring: keyring, queue: JobQueue(client: database))
        let app = buildApplication(
            http: HTTPConfiguration(host: host ?? environment.httpHost, port: port ?? environment.httpPort),
            dependencies: dependencies, logger: logger)
        try await app.runService()
        try await http.shutdown()
        await database.shutdown()
    }
}
