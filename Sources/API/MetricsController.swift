import Hummingbird
import JobQueue
import Logging
import Postgres
import Prometheus

/// `GET /metrics` in Prometheus text format: HTTP requests by route and status (from Hummingbird's
/// `MetricsMiddleware` through the registry this service bootstraps), and jobs by kind and state,
/// read from the job table at scrape time.
public struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    let database: PostgresClient

    /// Creates the controller over the registry `MetricsSystem` was bootstrapped with.
    public init(registry: PrometheusCollectorRegistry, database: PostgresClient) {
        self.registry = registry
        self.database = database
    }

    func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.get("metrics") { _, context in
            var text = registry.emitToString()
            text += try await jobGauges(logger: context.logger)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    private func jobGauges(logger: Logger) async throws -> String {
        let rows: [(String, String, Int)]
        do {
            rows = try await database.query("SELECT kind, state::text, count(*) FROM jobs GROUP BY 1, 2 ORDER BY 1, 2")
                .decode((String, String, Int).self)
        } catch {
            logger.warning("metrics: job counts unavailable", metadata: ["error": "\(error)"])
            return ""
        }
        var text = "# TYPE mailsync_jobs gauge\n"
        for (kind, state, count) in rows {
            text += "mailsync_jobs{kind=\"\(Self.escape(kind))\",state=\"\(state)\"} \(count)\n"
        }
        return text
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
