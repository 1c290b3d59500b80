import Foundation

/// Paths of the repository the tests run in, found from this file's location.
enum RepositoryPaths {
    /// The repository root (the folder holding `Package.swift`).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/MailTests/Fixtures`.
    static let fixtures = root.appendingPathComponent("Tests/MailTests/Fixtures")

    /// The Python reference script.
    static let mailref = root.appendingPathComponent("scripts/mail/mailref.py")

    /// Debian's python3, which the reference needs (standard library only).
    static let python = "/usr/bin/python3"

    /// Runs `/usr/bin/python3 scripts/mail/mailref.py ARGS`, feeding nothing, returning stdout.
    static func runReference(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [mailref.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceFailure(status: process.terminationStatus, arguments: arguments)
        }
        return data
    }

    /// A failed run of the Python reference.
    struct ReferenceFailure: Error, CustomStringConvertible {
        var status: Int32
        var arguments: [String]
        var description: String { "mailref.py \(arguments.first ?? "") exited with \(status)" }
    }
}
