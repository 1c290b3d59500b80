// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MailSync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mailsync", targets: ["mailsync"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libpq, the PostgreSQL C client, as a system library (apt: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Our libpq wrapper: connections, pool, binds, rows, transactions, LISTEN, pipelines, migrator.
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // RFC 5322 / MIME parsing and building. Foundation only.
        .target(name: "Mail"),
        // Pure domain: tenants, connections, mailboxes, sync settings. No I/O.
        .target(name: "SyncCore", dependencies: ["Mail"]),
        // SQL for every tenant table: repositories, RLS tenant scoping, secrets at rest.
        .target(
            name: "Store",
            dependencies: [
                "Postgres", "SyncCore", "Mail", "JobQueue",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The PostgreSQL job queue: enqueue with NOTIFY, SKIP LOCKED claims, lanes, leases, workers.
        .target(
            name: "JobQueue",
            dependencies: [
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // MailProvider protocol, Gmail and Graph clients, OAuth, TokenManager, SMTP.
        .target(
            name: "Providers",
            dependencies: [
                "Mail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // SMTP client for sub-account senders; its own module so NIOSSL changes rebuild only it.
        .target(
            name: "SMTP",
            dependencies: [
                "SyncCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The engine: connection lifecycle, token storage for the providers, job handlers.
        .target(
            name: "Sync",
            dependencies: [
                "Store", "SyncCore", "Providers", "JobQueue", "Postgres", "Mail", "SMTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Events to the CRM: signed, retried, ordered webhook deliveries and their sweep.
        .target(
            name: "Webhooks",
            dependencies: [
                "Store", "SyncCore", "JobQueue",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Google and Microsoft emulators on loopback, for tests and `make run`.
        .target(
            name: "Emulators",
            dependencies: [
                "Mail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // The emulated mailboxes' pages (Sources/Emulators/Pages).
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The HTTP service (health and readiness; grows into the API).
        .target(
            name: "API",
            dependencies: [
                "Postgres", "Store", "SyncCore", "JobQueue", "Sync", "Providers",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // Server-rendered pages (Sources/API/Pages).
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "mailsync",
            dependencies: [
                "Postgres", "Mail", "SyncCore", "API", "Store", "JobQueue", "Providers", "Emulators", "Sync", "Webhooks",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // `make bench-mail`: parses the generated corpus in a release build and prints MB/s.
        .executableTarget(name: "mail-bench", dependencies: ["Mail"], path: "Benchmarks/MailBench"),
        // `make bench-queue` and the queue tests' killable worker process.
        .executableTarget(
            name: "queue-bench",
            dependencies: [
                "JobQueue", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/QueueBench"
        ),
        // `make bench-webhooks`: Graph notifications at a fixed rate against a running service.
        .executableTarget(
            name: "webhook-bench",
            dependencies: [
                "Store", "Postgres",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/WebhookBench"
        ),
        // `make bench-sync`: Gmail mailboxes synced from scratch, the database floor, push latency.
        .executableTarget(
            name: "sync-bench",
            dependencies: [
                "API", "Sync", "Store", "JobQueue", "Providers", "Emulators", "Postgres", "SyncCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/SyncBench"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"], exclude: ["Fixtures"]),
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore", "Mail"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SyncCore", "Postgres", "TestSupport"]),
        .testTarget(
            name: "JobQueueTests",
            dependencies: [
                "JobQueue", "Postgres", "TestSupport",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ProvidersTests",
            dependencies: [
                "Providers", "Emulators", "Mail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SMTPTests",
            dependencies: [
                "SMTP", "SyncCore", "Sync", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "Postgres", "Store", "SyncCore", "TestSupport", "Sync", "Providers", "Emulators", "JobQueue",
                "Mail",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "WebhookTests",
            dependencies: [
                "Webhooks", "Store", "SyncCore", "Postgres", "TestSupport", "JobQueue", "Emulators",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "Store", "SyncCore", "Postgres", "TestSupport", "Providers", "Emulators", "JobQueue", "API",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The read API over synced mail (MailReadAPITests).
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
