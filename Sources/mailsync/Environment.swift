import Foundation

/// Reads the service's environment variables (README lists them all), with defaults for `make run`.
struct Environment {
    private let values: [String: String]

    init(values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    subscript(name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runtime database (`mailsync_app`); an empty string lets libpq use its `PG*` variables.
    var databaseURL: String { self["MAILSYNC_DATABASE_URL"] ?? "" }

    /// Migration database (`mailsync_owner`).
    var migrateDatabaseURL: String { self["MAILSYNC_MIGRATE_DATABASE_URL"] ?? "" }

    /// The folder of `NNNN_name.sql` files.
    var migrationsDirectory: URL {
        URL(fileURLWithPath: self["MAILSYNC_MIGRATIONS_DIR"] ?? "migrations", isDirectory: true)
    }

    var httpHost: String { self["MAILSYNC_HTTP_HOST"] ?? "127.0.0.1" }
    var httpPort: Int { self["MAILSYNC_HTTP_PORT"].flatMap(Int.init) ?? 8080 }

    /// The service's public origin, for OAuth redirects and webhook URLs.
    var publicURL: String {
        (self["MAILSYNC_PUBLIC_URL"] ?? "http://\(httpHost):\(httpPort)").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    /// Jobs a worker process runs at once.
    var workerConcurrency: Int { self["MAILSYNC_WORKER_CONCURRENCY"].flatMap(Int.init) ?? 8 }
    /// Seconds without a finished sync after which the safety-net poll syncs a mailbox.
    var pollIntervalSeconds: Int { self["MAILSYNC_POLL_INTERVAL_SECONDS"].flatMap(Int.init) ?? 600 }
    /// The bearer token the inbound-mail provider or MTA posts BCC copies with; unset refuses them.
    var inboundToken: String? { self["MAILSYNC_INBOUND_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } }
}
