import ArgumentParser
import Foundation
import Mail

/// `mailsync mail ...`: tools for looking at messages the way the sync engine sees them.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Inspect email messages with the service's own MIME parser.",
        subcommands: [Parse.self]
    )

    /// `mailsync mail parse FILE...`: one JSON object per file, in the order given.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse raw RFC 5322 messages and print what the sync engine reads from each, as JSON lines.",
            discussion: """
                Prints decoded header fields, addresses, Message-ID, In-Reply-To, References, the text and \
                HTML bodies, attachments (name, type, disposition, decoded size, SHA-256) and the parser's \
                warnings. Use "-" to read one message from standard input.
                """
        )

        @Argument(help: "Message files (.eml); \"-\" reads standard input.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                let data: Data
                do {
                    data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    FileHandle.standardError.write(Data("mailsync mail parse: cannot read \(file): \(error.localizedDescription)\n".utf8))
                    failed = true
                    continue
                }
                print(MailParseReport(parsing: [UInt8](data), file: file).jsonLine())
            }
            if failed { throw ExitCode(1) }
        }
    }
}
