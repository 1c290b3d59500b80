import NIOCore
import Testing

@testable import SMTP

@Suite struct SMTPReplyParserTests {
    private func replies(_ chunks: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            while let reply = try parser.parse(&buffer) { replies.append(reply) }
        }
        return replies
    }

    @Test func singleLineReplyHasItsCodeStatusAndText() throws {
        let reply = try #require(try replies(["250 2.1.5 Recipient OK\r\n"]).first)
        #expect(reply.code == 250)
        #expect(reply.enhancedStatus == SMTPEnhancedStatus(statusClass: 2, subject: 1, detail: 5))
        #expect(reply.text == "Recipient OK")
        #expect(reply.description == "250 2.1.5")
    }

    @Test func multiLineReplyIsOneReplyWithEveryLine() throws {
        let parsed = try replies(["250-mx.example greets you\r\n250-SIZE 1000\r\n250-PIPELINING\r\n250 HELP\r\n"])
        #expect(parsed.count == 1)
        #expect(parsed.first?.lines == ["mx.example greets you", "SIZE 1000", "PIPELINING", "HELP"])
    }

    @Test func replySplitAcrossReadsWaitsForItsLastLine() throws {
        let parsed = try replies(["25", "0-first\r", "\n250 la", "st\r\n354 go ahead\r\n"])
        #expect(parsed.map(\.code) == [250, 354])
        #expect(parsed.first?.lines == ["first", "last"])
    }

    @Test func bareLineFeedAndCodeWithoutTextAreAccepted() throws {
        let parsed = try replies(["220\n", "221 bye\n"])
        #expect(parsed.map(\.code) == [220, 221])
        #expect(parsed.first?.lines == [""])
    }

    @Test(
        arguments: [
            "550 5.1.1 Mailbox unavailable": "5.1.1",
            "451 4.3.0 Try again": "4.3.0",
            "550 4.1.1 class does not match the code": nil,
            "250 OK": nil,
            "250 2.0 too short": nil,
            "552 5.3.4": "5.3.4",
        ] as [String: String?])
    func enhancedStatusIsReadOnlyWhenWellFormedAndOfTheReplysClass(line: String, status: String?) throws {
        let reply = try #require(try replies([line + "\r\n"]).first)
        #expect(reply.enhancedStatus?.description == status)
    }

    @Test(arguments: ["hello\r\n", "2x0 bad\r\n", "250_OK\r\n", "650 out of range\r\n", "250-one\r\n251 two\r\n"])
    func nonSMTPLinesAreProtocolViolations(text: String) {
        let error = #expect(throws: SMTPError.self) { try replies([text]) }
        #expect(error?.code == .protocolViolation)
    }

    @Test func endlessLineIsAProtocolViolation() {
        let error = #expect(throws: SMTPError.self) { try replies([String(repeating: "2", count: 5000)]) }
        #expect(error?.code == .protocolViolation)
    }
}
