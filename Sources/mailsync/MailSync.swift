import ArgumentParser

/// The `mailsync` command: one executable in several roles.
@main
struct MailSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailsync",
        abstract: "Two-way email sync between a CRM and Gmail / Outlook mailboxes.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, MigrateCommand.self, AdminCommand.self, MailCommand.self,
            EmulatorsCommand.self, ReconcileCommand.self, DemoCommand.self,
        ]
    )
}
