import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Prometheus
import Store
import SyncCore
import TestSupport
import Testing

/// The API over the suite's database, with a fresh agency and its API key.
struct APITestApp {
    let store: Store
    let agencyID: UUID
    let apiKey: String
    let dependencies: APIDependencies

    /// The token `POST /inbound/bcc` accepts.
    static let inboundToken = "inbound-test-token"

    /// A new agency with one API key; `migrations` overrides the files readiness compares with.
    static func make(migrations: [Migration]? = nil) async throws -> APITestApp {
        let database = try TestDatabase.current
        let keyring = try Keyring(parsing: Keyring.generateEntry(id: "api-test"))
        let store = Store(client: database.app, keyring: keyring)
        let agencyID = UUID()
        let token = try await store.withTenant(.agency(agencyID)) { tx in
            _ = try await tx.agency.create(name: "Agency \(agencyID.uuidString.prefix(6))")
            return try await tx.apiKeys.create(name: "test").token
        }
        let dependencies = APIDependencies(
            store: store, migrations: try migrations ?? TestDatabase.repositoryMigrations(),
            metrics: PrometheusCollectorRegistry(), bccDomain: "bcc.test.example", inboundToken: inboundToken)
        return APITestApp(store: store, agencyID: agencyID, apiKey: token.value, dependencies: dependencies)
    }

    /// Runs `body` against the router (no sockets).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(http: .init(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "test.api"))
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// A JSON request with a bearer token; returns status and parsed JSON body.
    @discardableResult
    func json(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (response.status, object)
        }
    }
}
