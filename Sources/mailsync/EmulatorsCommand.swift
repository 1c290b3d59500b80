import ArgumentParser
import Emulators
import Logging

/// `mailsync emulators`: the Google emulator (OAuth, Gmail API, Pub/Sub push, control API) and the
/// Microsoft one (login, Graph mail, notifications, control API) and the emulated mailboxes'
/// pages (`/emulator/mailboxes`) on one port until SIGTERM or
/// SIGINT, for `make run` and demos.
struct EmulatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulators", abstract: "Run the provider emulators (Google, Microsoft) on loopback.")

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 8090

    func run() async throws {
        let logger = Logger(label: "mailsync.emulators")
        let google = try await GoogleEmulator(logger: logger)
        let microsoft = MicrosoftEmulator()
        let host = host
        let pages = MailboxPages(google: google, microsoft: microsoft)
        try await EmulatorServer(emulators: [google, microsoft, pages], host: host, port: port, logger: logger).run { bound in
            logger.info(
                "emulators listening",
                metadata: ["origin": "http://\(host):\(bound)", "mailboxes": "http://\(host):\(bound)/emulator/mailboxes"])
        }
    }
}
