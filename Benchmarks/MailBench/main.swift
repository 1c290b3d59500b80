// `make bench-mail`: MB/s of MessageParser on the generated corpus (every part decoded), next to
// Python's email package on the same files; the last line is the result:
//   mail: mailsync_mb_per_s=N python_mb_per_s=N ratio=R
//
// Usage: mail-bench [CORPUS_DIR] [PYTHON_BENCH_SCRIPT] [PYTHON]

import Foundation
import Mail

let arguments = CommandLine.arguments
let corpus = arguments.count > 1 ? arguments[1] : ".artifacts/mail-corpus"
let pythonScript = arguments.count > 2 ? arguments[2] : "scripts/mail/bench.py"
let python = arguments.count > 3 ? arguments[3] : "/usr/bin/python3"
let minimumSeconds = 3.0

let names = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
guard !names.isEmpty else {
    FileHandle.standardError.write(Data("mail-bench: no .eml files in \(corpus) (run make mail-corpus)\n".utf8))
    exit(1)
}
let messages = names.compactMap { try? [UInt8](Data(contentsOf: URL(fileURLWithPath: corpus).appendingPathComponent($0))) }
let totalBytes = messages.reduce(0) { $0 + $1.count }

/// Parses every message once and returns a checksum of what was decoded, so nothing is skipped.
func parseAll(_ parser: MessageParser) -> Int {
    var checksum = 0
    for raw in messages {
        let message = parser.parse(raw)
        checksum &+= message.textBody?.utf8.count ?? 0
        checksum &+= message.htmlBody?.utf8.count ?? 0
        checksum &+= message.attachments.reduce(0) { $0 &+ $1.size }
        checksum &+= message.to.count &+ message.header.fields.count
    }
    return checksum
}

let parser = MessageParser()
var best = Double.infinity
var rounds = 0
var checksum = 0
let clock = ContinuousClock()
let started = clock.now
while rounds < 3 || (clock.now - started) < .seconds(minimumSeconds) {
    let begin = clock.now
    checksum &+= parseAll(parser)
    let elapsed = clock.now - begin
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
    rounds += 1
}
let swiftRate = Double(totalBytes) / best / 1e6
print("mailsync: \(messages.count) messages, \(totalBytes) bytes, \(rounds) rounds, checksum \(checksum)")
print(String(format: "mailsync_mb_per_s=%.2f", swiftRate))

let process = Process()
process.executableURL = URL(fileURLWithPath: python)
process.arguments = [pythonScript, corpus, String(minimumSeconds)]
let pipe = Pipe()
process.standardOutput = pipe
do {
    try process.run()
} catch {
    FileHandle.standardError.write(Data("mail-bench: cannot run \(python) \(pythonScript): \(error)\n".utf8))
    exit(1)
}
let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
process.waitUntilExit()
guard process.terminationStatus == 0,
    let line = output.split(separator: "\n").last(where: { $0.hasPrefix("python_mb_per_s=") }),
    let pythonRate = Double(line.dropFirst("python_mb_per_s=".count)), pythonRate > 0
else {
    FileHandle.standardError.write(Data("mail-bench: Python bench failed: \(output)\n".utf8))
    exit(1)
}
print(String(format: "mail: mailsync_mb_per_s=%.2f python_mb_per_s=%.2f ratio=%.1f", swiftRate, pythonRate, swiftRate / pythonRate))
