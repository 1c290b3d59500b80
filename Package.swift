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
        // The HTTP service (health and readiness; grows into the API).
        .target(
            name: "API",
            dependencies: [
                "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "mailsync",
            dependencies: [
                "Postgres", "Mail", "API",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // `make bench-mail`: parses the generated corpus in a release build and prints MB/s.
        .executableTarget(name: "mail-bench", dependencies: ["Mail"], path: "Benchmarks/MailBench"),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "Postgres", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
