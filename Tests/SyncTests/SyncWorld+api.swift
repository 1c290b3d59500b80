import API
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Postgres
import Prometheus
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The service's HTTP API over a world's database, and the CRM -> mailbox read-state job.
extension SyncWorld {
    /// The world's sync handlers plus `message.set_read`.
    var handlersWithReadState: JobHandlers {
        var handlers = handlers
        MessageReadStateHandler(sync: handler).register(in: &handlers)
        return handlers
    }

    /// Runs `body` against the router (no sockets) with an API key of the world's agency.
    func withAPI(_ body: @Sendable (any TestClientProtocol, String) async throws -> Void) async throws {
        try await Self.withAPI(store: store, agencyID: scope.agencyID, body)
    }

    /// Runs `body` against the router over `store` with a new API key of the agency.
    static func withAPI(
        store: Store, agencyID: UUID, _ body: @Sendable (any TestClientProtocol, String) async throws -> Void
    ) async throws {
        let key = try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.apiKeys.create(name: "read-api").token.value
        }
        let dependencies = APIDependencies(
            store: store, migrations: try TestDatabase.repositoryMigrations(), metrics: PrometheusCollectorRegistry(),
            bccDomain: "bcc.example.test")
        let app = buildApplication(
            http: .init(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "test.api"))
        try await app.test(.router) { client in try await body(client, key) }
    }

    /// An API key of a new agency: another tenant.
    func otherAgencyKey() async throws -> String {
        try await store.withTenant(.agency(UUID())) { tx in
            _ = try await tx.agency.create(name: "Other agency")
            return try await tx.apiKeys.create(name: "other").token.value
        }
    }

    /// Runs a real worker until no `message.set_read` job is waiting or running.
    func applyReadStates() async throws {
        try await Self.runWorker(queue: queue, handlers: handlersWithReadState, "the read-state jobs ran") {
            try await count(
                """
                SELECT count(*) FROM jobs WHERE kind = \(MessageReadStateHandler.kind)
                  AND state IN ('available', 'running')
                """) == 0
        }
        #expect(
            try await count("SELECT count(*) FROM jobs WHERE kind = \(MessageReadStateHandler.kind) AND state = 'dead'")
                == 0)
    }

    /// The Gmail labels of a message, read through the emulator's control API.
    func labels(_ gmailID: String) async throws -> [String] {
        let response = try await http.execute(
            HTTPClientRequest(url: origin.absoluteString + "/emulator/google/accounts/\(address)/messages/\(gmailID)"),
            timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any]
        return try #require(json?["labelIds"] as? [String])
    }
}

/// One API answer: status, headers, body bytes, and the body as a JSON object when it is one.
struct APIAnswer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var bytes: [UInt8]

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    /// The `items` of a page.
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
}

extension TestClientProtocol {
    /// A request with a bearer token and an optional JSON body.
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String, body: String? = nil) async throws -> APIAnswer {
        var headers: HTTPFields = [.authorization: "Bearer \(key)"]
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        {
            APIAnswer(status: $0.status, headers: $0.headers, bytes: Array($0.body.readableBytesView))
        }
    }
}
