import ArgumentParser
import Foundation
import Logging
import Postgres

/// `mailsync migrate up|status`, connecting as `mailsync_owner` (`MAILSYNC_MIGRATE_DATABASE_URL`).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply or inspect database migrations.",
        subcommands: [Up.self, Status.self], defaultSubcommand: Up.self)

    struct Options: ParsableArguments {
        @Option(help: "Folder of NNNN_name.sql files (default: MAILSYNC_MIGRATIONS_DIR or ./migrations).")
        var directory: String?

        func migrator() throws -> (Migrator, PostgresClient) {
            let environment = Environment()
            let folder = directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? environment.migrationsDirectory
            let client = PostgresClient(
                configuration: PostgresConfiguration(
                    connectionString: environment.migrateDatabaseURL, maxConnections: 1,
                    applicationName: "mailsync-migrate"))
            let migrator = Migrator(
                client: client, migrations: try Migration.load(from: folder), logger: Logger(label: "mailsync.migrate"))
            return (migrator, client)
        }
    }

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply every pending migration.")
        @OptionGroup var options: Options

        func run() async throws {
            let (migrator, client) = try options.migrator()
            defer { Task { await client.shutdown() } }
            do {
                let applied = try await migrator.up()
                print(applied.isEmpty ? "migrations: up to date" : "migrations: applied \(applied.map(\.fileName).joined(separator: ", "))")
            } catch let error as PostgresError {
                throw ValidationError(error.safeMessage ?? error.description)
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied and pending migrations and problems.")
        @OptionGroup var options: Options

        func run() async throws {
            let (migrator, client) = try options.migrator()
            defer { Task { await client.shutdown() } }
            let status = try await migrator.status()
            for row in status.applied { print("applied  \(row.fileName)  \(row.sha256.prefix(12))") }
            for file in status.pending { print("pending  \(file.fileName)") }
            for problem in status.problems { print("PROBLEM  \(problem)") }
            if !status.problems.isEmpty { throw ExitCode(1) }
        }
    }
}
