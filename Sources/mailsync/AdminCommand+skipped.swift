import ArgumentParser
import Foundation
import Store

extension AdminCommand {
    /// `mailsync admin skipped [--sub-account ID]`: skipped mailbox messages by reason, from
    /// `admin.skipped_messages` ("why is mail missing?", SPEC rule 9).
    struct Skipped: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count skipped mailbox messages per sub-account, connection and reason.")

        @Option(
            name: .customLong("sub-account"), help: "Only this sub-account.", transform: AdminCommand.uuid)
        var subAccount: UUID?

        func run() async throws {
            let rows = try await AdminCommand.withStore { store in
                try await SkippedMessageReport(client: store.client).rows(subAccountID: subAccount)
            }
            guard !rows.isEmpty else {
                print("no skipped messages")
                return
            }
            let table =
                [["sub-account", "connection", "mailbox", "reason", "messages", "last seen"]]
                + rows.map { row in
                    [
                        "\(row.subAccountName) (\(row.subAccountID.uuidString.lowercased()))",
                        row.connectionID.uuidString.lowercased(), row.mailboxAddress, row.reason, String(row.messages),
                        row.lastSeenAt.formatted(.iso8601),
                    ]
                }
            let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max() ?? 0 }
            for line in table {
                print(
                    zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
    }
}
