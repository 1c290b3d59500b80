import Foundation
import Mail
import Testing

/// Hostile input stays within bounds: no crash, bounded parts and headers, linear-ish time.
@Suite struct RobustnessTests {
    static func parseQuickly(_ bytes: [UInt8], within seconds: Double = 5) -> ParsedMessage {
        let start = Date()
        let message = MessageParser().parse(bytes)
        #expect(Date().timeIntervalSince(start) < seconds)
        return message
    }

    @Test func deeplyNestedMultipartsStopAtTheDepthLimit() {
        var raw = ""
        for level in 0..<500 { raw += "Content-Type: multipart/mixed; boundary=b\(level)\r\n\r\n--b\(level)\r\n" }
        raw += "Content-Type: text/plain\r\n\r\ninnermost\r\n"
        let message = Self.parseQuickly(Array(raw.utf8))
        #expect(message.warnings.contains { $0.code == .nestingTooDeep })
        var depth = 0
        var part = message.root
        while let child = part.children.first {
            depth += 1
            part = child
        }
        #expect(depth == ParseLimits.standard.maxDepth)
    }

    @Test func manyPartsStopAtThePartLimit() {
        var raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        for _ in 0..<5_000 { raw += "--b\r\n\r\nx\r\n" }
        raw += "--b--\r\n"
        let message = Self.parseQuickly(Array(raw.utf8))
        #expect(message.root.children.count < ParseLimits.standard.maxParts)
        #expect(message.warnings.contains { $0.code == .partLimitReached })
    }

    @Test func manyHeaderFieldsStopAtTheFieldLimit() {
        let raw = String(repeating: "X-A: b\r\n", count: 50_000) + "\r\nbody"
        let message = Self.parseQuickly(Array(raw.utf8))
        #expect(message.header.fields.count == ParseLimits.standard.maxHeaderFields)
        #expect(message.warnings.contains { $0.code == .headerLimitReached })
        #expect(message.textBody == "body")
    }

    @Test func pathologicalHeaderValuesParseInLinearTime() {
        let size = 1_000_000
        let inputs = [
            "Subject: " + String(repeating: "=?", count: size / 2),
            "Subject: " + String(repeating: "=?utf-8?q?", count: size / 10),
            "To: " + String(repeating: "<", count: size),
            "To: " + String(repeating: "(", count: size),
            "To: " + String(repeating: "\"", count: size),
            "To: " + String(repeating: "a:", count: size / 2),
            "References: " + String(repeating: "<a@b>", count: size / 5),
            "Content-Type: text/plain; " + String(repeating: "a*1*=x;", count: size / 7),
            "Date: " + String(repeating: "1 ", count: size / 2),
        ]
        for input in inputs {
            let message = Self.parseQuickly(Array((input + "\r\n\r\nbody").utf8))
            #expect(message.references.count <= 1_000)
            #expect(message.to.count <= ParseLimits.standard.maxAddresses)
        }
    }

    @Test func deliveryStatusWithManyBlocksAndTrailingWhitespaceStaysLinear() {
        let blocks = String(repeating: "Action: failed\r\n\r\n", count: 20_000) + String(repeating: " ", count: 1_000_000)
        let raw = "Content-Type: multipart/report; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
            + blocks + "\r\n--b--\r\n"
        let message = Self.parseQuickly(Array(raw.utf8))
        #expect(message.deliveryStatus?.recipients.count == ParseLimits.standard.maxParts - 1)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 5322)
        let alphabet = Array("--=?:;<>\"()\r\n \tabcXYZ0123456789@,.=/\\*'".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        for _ in 0..<300 {
            let count = Int(generator.next() % 4_000)
            var bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if generator.next() % 2 == 0 {
                bytes = Array("Content-Type: multipart/mixed; boundary=\"-\"\r\n\r\n".utf8) + bytes
            }
            _ = MailParseReport(parsing: bytes).jsonLine()
        }
    }

    @Test func emptyAndHeaderOnlyInputs() {
        #expect(MessageParser().parse([]).textBody == "")
        #expect(MessageParser().parse(Array("Subject: x".utf8)).subject == "x")
        #expect(MessageParser().parse(Array("\r\n\r\n".utf8)).header.fields.isEmpty)
    }

    /// Crash inputs the fuzzer ever found stay here and must keep parsing.
    @Test func fuzzRegressionsParse() throws {
        let folder = RepositoryPaths.fixtures.appendingPathComponent("fuzz-regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasPrefix(".") && name != "README.md" {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(!MailParseReport(parsing: bytes).jsonLine().isEmpty)
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
