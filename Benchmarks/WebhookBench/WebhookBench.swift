import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import Postgres
import Store

/// `make bench-webhooks`: sends Microsoft Graph change notifications at a fixed rate to a running
/// service, one notification per mailbox so that each must produce its own sync job, then checks
/// the job table. Prints `webhooks: sent=N accepted=N p99_ms=N` last.
@main
struct WebhookBench: AsyncParsableCommand {
    @Option(help: "The service's origin.") var url: String
    @Option(help: "Owner connection to the service's database (creates the mailboxes, reads jobs).") var databaseURL: String
    @Option var rate = 200
    @Option var seconds = 30

    func run() async throws {
        let keyring = try Keyring(parsing: ProcessInfo.processInfo.environment["MAILSYNC_SECRET_KEYS"])
        let database = PostgresClient(configuration: .init(connectionString: databaseURL, maxConnections: 2))
        let total = rate * seconds
        let prefix = "bench-\(UUID().uuidString.prefix(8).lowercased())-"
        let mailboxes = try await database.query(
            """
            INSERT INTO mailboxes (provider, provider_account_id, address, push_subscription_id, push_expires_at)
            SELECT 'microsoft', \(prefix) || g, 'bench' || g || '@outlook.example', \(prefix) || 'sub-' || g,
                   now() + interval '1 day'
            FROM generate_series(1, \(total)) AS g
            RETURNING id, push_subscription_id
            """
        ).decode((UUID, String).self)
        let bodies = mailboxes.map { id, subscription in
            #"{"value":[{"subscriptionId":"\#(subscription)","clientState":"\#(PushClientState.make(mailboxID: id, keyring: keyring))","changeType":"created","resource":"Users/bench/Messages/1","tenantId":"bench"}]}"#
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
        let origin = ContinuousClock.now
        let interval = Duration.seconds(1) / rate
        let endpoint = url + "/webhooks/microsoft"
        let results = try await withThrowingTaskGroup(of: (Bool, Double).self) { group in
            for (index, body) in bodies.enumerated() {
                try await Task.sleep(until: origin + interval * index, clock: .continuous)
                group.addTask {
                    var request = HTTPClientRequest(url: endpoint)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(string: body))
                    let start = ContinuousClock.now
                    let response = try? await http.execute(request, timeout: .seconds(10))
                    _ = try? await response?.body.collect(upTo: 1 << 16)
                    let elapsed = ContinuousClock.now - start
                    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                    return (response?.status.code == 202, milliseconds)
                }
            }
            var all: [(Bool, Double)] = []
            for try await result in group { all.append(result) }
            return all
        }
        try await http.shutdown()
        let accepted = results.filter(\.0).count
        let latencies = results.map(\.1).sorted()
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        let jobs = try await database.query(
            """
            SELECT count(*) FROM jobs j JOIN mailboxes m ON j.fairness_key = upper(m.id::text)
            WHERE j.kind = 'mailbox.sync' AND m.provider_account_id LIKE \(prefix + "%")
            """
        ).single().decode(Int.self, at: 0)
        await database.shutdown()
        let lost = accepted - jobs
        print("webhooks: jobs=\(jobs) lost=\(lost)")
        print(String(format: "webhooks: sent=%d accepted=%d p99_ms=%.1f", total, accepted, p99))
        if lost != 0 { throw ExitCode(1) }
    }
}
