import Foundation
import Logging
import Postgres
import Testing

/// A fresh database for one test suite on the local cluster that `make test` starts, migrated
/// with the repository's `migrations/`, dropped at the end.
///
/// Use it as a suite trait and read it through ``TestDatabase/current``:
/// ```swift
/// @Suite(.freshDatabase) struct ContactTests {
///     @Test func something() async throws { let db = try TestDatabase.current.app ... }
/// }
/// ```
public final class TestDatabase: Sendable {
    /// The database of the running suite.
    @TaskLocal public static var scoped: TestDatabase?

    /// The running suite's database; fails the test when the suite lacks `.freshDatabase`.
    public static var current: TestDatabase {
        get throws { try #require(scoped, "the suite needs the .freshDatabase trait") }
    }

    /// The database's name.
    public let name: String
    /// The cluster's port.
    public let port: Int
    /// A pool connected as `mailsync_app`, the service's runtime role.
    public let app: PostgresClient
    /// A pool connected as `mailsync_owner`, the owner of the schema.
    public let owner: PostgresClient

    init(name: String, port: Int) {
        self.name = name
        self.port = port
        self.app = PostgresClient(configuration: .init(connectionString: Self.url(role: "mailsync_app", port: port, database: name)))
        self.owner = PostgresClient(configuration: .init(connectionString: Self.url(role: "mailsync_owner", port: port, database: name)))
    }

    /// A connection string for a role on this database.
    public func url(role: String) -> String { Self.url(role: role, port: port, database: name) }

    /// A client for a role on this database (`mailsync_admin`, `postgres`, ...).
    public func client(role: String, maxConnections: Int = 4) -> PostgresClient {
        PostgresClient(configuration: .init(connectionString: url(role: role), maxConnections: maxConnections))
    }

    static func url(role: String, port: Int, database: String) -> String {
        "postgresql://\(role)@127.0.0.1:\(port)/\(database)"
    }

    /// The cluster's port from `make test`'s environment.
    public static var clusterPort: Int {
        get throws {
            let text = ProcessInfo.processInfo.environment["MAILSYNC_TEST_PORT"] ?? ""
            return try #require(Int(text), "MAILSYNC_TEST_PORT is not set: run the tests with `make test`")
        }
    }

    /// The repository root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's migrations.
    public static func repositoryMigrations() throws -> [Migration] {
        try Migration.load(from: repositoryRoot.appendingPathComponent("migrations"))
    }

    /// Creates an empty database (owned by `mailsync_owner`) and returns it unmigrated.
    public static func createEmpty() async throws -> TestDatabase {
        let port = try clusterPort
        let name = "mailsync_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let superuser = PostgresClient(configuration: .init(connectionString: url(role: "postgres", port: port, database: "postgres"), maxConnections: 1))
        try await superuser.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER mailsync_owner"))
        await superuser.shutdown()
        return TestDatabase(name: name, port: port)
    }

    /// Creates a database and applies the repository's migrations as `mailsync_owner`.
    public static func createMigrated() async throws -> TestDatabase {
        let database = try await createEmpty()
        try await Migrator(client: database.owner, migrations: try repositoryMigrations(), logger: Logger(label: "test.migrate")).up()
        return database
    }

    /// Closes the pools and drops the database.
    public func drop() async {
        await app.shutdown()
        await owner.shutdown()
        let superuser = PostgresClient(configuration: .init(connectionString: Self.url(role: "postgres", port: port, database: "postgres"), maxConnections: 1))
        _ = try? await superuser.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        await superuser.shutdown()
    }
}

/// The suite trait that gives a suite its own migrated database.
public struct FreshDatabaseTrait: SuiteTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let database = try await TestDatabase.createMigrated()
        do {
            try await TestDatabase.$scoped.withValue(database) { try await function() }
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh, migrated database for the suite (see ``TestDatabase``).
    public static var freshDatabase: FreshDatabaseTrait { FreshDatabaseTrait() }
}
