import API
import Foundation
import Hummingbird
import Logging
import Prometheus
import JobQueue
import Providers
import Store
import Sync
import TestSupport
import Testing

/// `openapi.yaml` and the router describe the same API: every registered route is documented and
/// every documented route exists.
@Suite struct OpenAPIContractTests {
    /// `METHOD /path` pairs of the document's `paths` section (its keys are at fixed indents).
    private func documentedRoutes() throws -> Set<String> {
        let text = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var routes = Set<String>()
        var inPaths = false
        var currentPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.hasPrefix(" ") && !line.isEmpty { break }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let currentPath {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "patch", "delete"].contains(key) {
                    routes.insert("\(key.uppercased()) \(currentPath)")
                }
            }
        }
        return routes
    }

    private func registeredRoutes() throws -> Set<String> {
        let client = PostgresClientPlaceholder.make()
        let store = Store(client: client, keyring: try Keyring(parsing: Keyring.generateEntry(id: "doc")))
        let lifecycle = ConnectionLifecycle(
            store: store, queue: JobQueue(client: client), providers: ProviderRegistry([]), redirectURI: "",
            pushTarget: { _, _ in PushTarget() }, logger: Logger(label: "doc"))
        var dependencies = APIDependencies(
            store: store, migrations: [], metrics: PrometheusCollectorRegistry(), bccDomain: "bcc.example",
            lifecycle: lifecycle)
        dependencies.sending = OutboundEmailWriter(
            settings: SendSettings(messageIDDomain: "doc.example", publicURL: "http://doc.example"),
            keyring: store.keyring, queue: JobQueue(client: client))
        return Set(buildRouter(dependencies, logger: Logger(label: "doc")).routes.map { "\($0.method.rawValue) \($0.path)" })
    }

    @Test func everyRegisteredRouteIsDocumented() throws {
        let undocumented = try registeredRoutes().subtracting(try documentedRoutes())
        #expect(undocumented.isEmpty, "not in openapi.yaml: \(undocumented.sorted())")
    }

    @Test func everyDocumentedRouteExists() throws {
        let documented = try documentedRoutes()
        #expect(documented.count >= 20)
        let missing = documented.subtracting(try registeredRoutes())
        #expect(missing.isEmpty, "documented but not routed: \(missing.sorted())")
    }
}

import Postgres

/// A pool that is never connected: building the router opens no connection.
enum PostgresClientPlaceholder {
    static func make() -> PostgresClient {
        PostgresClient(configuration: .init(connectionString: "postgresql://unused@127.0.0.1:1/unused"))
    }
}
