import Foundation
import TestSupport

/// A real SMTP server for one test: `scripts/smtp/peer.py` (aiosmtpd) run from the project's
/// `.venv` on a free loopback port, writing what it receives into its own sink folder.
final class SMTPPeer: Sendable {
    /// The port the peer listens on.
    let port: Int
    /// The folder holding `<n>.eml` and `<n>.json` for each message received.
    let sink: URL
    private let process: Process
    private let folder: URL

    private init(port: Int, sink: URL, process: Process, folder: URL) {
        self.port = port
        self.sink = sink
        self.process = process
        self.folder = folder
    }

    /// Starts a peer with `peer.py`'s options (`--sink` and `--port 0` are added) and returns once
    /// it listens. The wait runs on a Dispatch thread, not Swift's small cooperative pool.
    static func start(_ options: [String] = []) async throws -> SMTPPeer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try launch(options) })
            }
        }
    }

    private static func launch(_ options: [String]) throws -> SMTPPeer {
        let root = TestDatabase.repositoryRoot
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path),
            FileManager.default.fileExists(atPath: root.appendingPathComponent(".venv/.aiosmtpd-1.4.6").path)
        else {
            throw PeerFailure("aiosmtpd is not installed in .venv: run `make smtp-venv` (make test does)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-peer-\(UUID().uuidString)")
        let sink = folder.appendingPathComponent("sink")
        try FileManager.default.createDirectory(at: sink, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("peer.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = python
        process.arguments =
            [root.appendingPathComponent("scripts/smtp/peer.py").path, "--port", "0", "--sink", sink.path] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first stdout line is the port; a peer that dies (or is killed by the watchdog)
        // closes stdout instead.
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        let line = firstLine(of: output.fileHandleForReading)
        watchdog.cancel()
        guard let port = line.flatMap({ Int($0) }) else {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw PeerFailure("peer.py \(options.joined(separator: " ")) did not start: \(said)")
        }
        return SMTPPeer(port: port, sink: sink, process: process, folder: folder)
    }

    deinit {
        // SIGKILL: the test process's threads block SIGTERM, and a child inherits that mask. The
        // wait runs on a Dispatch thread so no test's cooperative thread blocks on it.
        kill(process.processIdentifier, SIGKILL)
        try? FileManager.default.removeItem(at: folder)
        DispatchQueue.global().async { [process] in process.waitUntilExit() }
    }

    /// The messages received so far, in order: the bytes as delivered and the envelope.
    func received() throws -> [ReceivedMessage] {
        var messages: [ReceivedMessage] = []
        var number = 1
        while FileManager.default.fileExists(atPath: sink.appendingPathComponent("\(number).eml").path) {
            let bytes = try [UInt8](Data(contentsOf: sink.appendingPathComponent("\(number).eml")))
            let envelope = try JSONDecoder().decode(
                ReceivedMessage.Envelope.self, from: Data(contentsOf: sink.appendingPathComponent("\(number).json")))
            messages.append(ReceivedMessage(bytes: bytes, envelope: envelope))
            number += 1
        }
        return messages
    }

    private static func firstLine(of handle: FileHandle) -> String? {
        var line = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else { return nil }
            if first == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(first)
        }
    }
}

/// One message the peer received.
struct ReceivedMessage {
    /// The sink's JSON sidecar.
    struct Envelope: Decodable {
        var sender: String
        var recipients: [String]
        var mailOptions: [String]
        var tls: Bool
        var user: String?

        enum CodingKeys: String, CodingKey {
            case sender, recipients, tls, user
            case mailOptions = "mail_options"
        }
    }

    var bytes: [UInt8]
    var envelope: Envelope
}

/// The peer could not be started.
struct PeerFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
