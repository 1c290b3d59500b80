import Hummingbird
import JobQueue
import Logging
import Postgres
import Prometheus

/// `GET /metrics` in Prometheus text format: HTTP requests by route and status (from Hummingbird's
/// `MetricsMiddleware` through the registry this service bootstraps), provider errors by code
/// (`mailsync_provider_errors_total`, counted where provider calls fail), and, read at scrape
/// time, jobs by kind and state and the sync lag per provider.
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
            text += await syncLagGauges(logger: context.logger)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// Seconds since each provider's least recently synced active mailbox last synced.
    private func syncLagGauges(logger: Logger) async -> String {
        let rows: [(String, Double)]
        do {
            rows = try await database.query(
                """
                SELECT provider, coalesce(max(extract(epoch FROM now() - coalesce(last_synced_at, created_at))), 0)::float8
                FROM mailboxes m
                WHERE EXISTS (SELECT 1 FROM routing.mailbox_connections(m.id))
                GROUP BY provider ORDER BY provider
                """
            ).decode((String, Double).self)
        } catch {
            logger.warning("metrics: sync lag unavailable", metadata: ["error": "\(error)"])
            return ""
        }
        var text = "# TYPE mailsync_sync_lag_seconds gauge\n"
        for (provider, lag) in rows {
            text += "mailsync_sync_lag_seconds{provider=\"\(Self.escape(provider))\"} \(lag)\n"
        }
        return text
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
