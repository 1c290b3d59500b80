import ArgumentParser
import Foundation
import Logging
import Sync

/// `mailsync reconcile CONNECTION [--days N] [--repair]`: prints every difference between a
/// connection's mailbox and the CRM in the window, and with `--repair` enqueues their import.
/// Exits 0 when there is none, 1 otherwise.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Compare a connection's mailbox with the CRM; optionally repair.")

    @Argument(help: "The connection's id.", transform: AdminCommand.uuid)
    var connection: UUID

    @Option(help: "How many days back to compare.")
    var days = 7

    @Flag(help: "Enqueue the import of every missing message.")
    var repair = false

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650") }
    }

    func run() async throws {
        let logger = Logger(label: "mailsync.reconcile")
        let engine = try await Engine.open(Environment(), applicationName: "mailsync-reconcile", logger: logger)
        let reconciler = Reconciler(sync: engine.sync)
        do {
            let report = try await reconciler.reconcile(connectionID: connection, days: days)
            report.lines.forEach { print($0) }
            if repair, !report.isClean {
                let count = try await reconciler.repair(report, connectionID: connection)
                print("enqueued the import of \(count) messages (connection.repair)")
            }
            try await engine.close()
            if !report.isClean { throw ExitCode(1) }
        } catch {
            try await engine.close()
            throw error
        }
    }
}
