import Foundation
import Mail
import Testing

/// Every message the builder writes reads back with the same fields, here and in Python.
@Suite struct MessageBuilderTests {
    static let builder = MessageBuilder(messageIDDomain: "mail.crm.example.com", keepsBcc: true)

    @Test(arguments: BuilderCases.all.map(\.name))
    func builtMessageReadsBackWithTheSameFields(caseName: String) throws {
        let message = try #require(BuilderCases.all.first { $0.name == caseName }?.message)
        let built = try Self.builder.build(message)
        Self.expectWellFormed(built.bytes)
        let parsed = MessageParser().parse(built.bytes)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        #expect(parsed.subject == message.subject)
        #expect(parsed.from == [message.from])
        #expect(parsed.to.map(\.address) == message.to.map(\.address))
        #expect(parsed.to.map(\.displayName) == message.to.map { Self.trimmed($0.displayName) })
        #expect(parsed.cc == message.cc)
        #expect(parsed.bcc == message.bcc)
        #expect(parsed.replyTo == message.replyTo)
        #expect(parsed.messageID == built.messageID)
        #expect(parsed.date?.date == message.date)
        #expect(parsed.inReplyTo == (message.inReplyTo.map { [$0] } ?? []))
        #expect(parsed.references == message.references)
        #expect(parsed.textBody == message.textBody ?? (message.htmlBody == nil ? "" : nil))
        #expect(parsed.htmlBody == message.htmlBody)
        #expect(parsed.attachments.map(\.filename) == message.attachments.map(\.filename))
        #expect(parsed.attachments.map(\.data) == message.attachments.map(\.data))
        #expect(parsed.attachments.map(\.contentType.mimeType) == message.attachments.map(\.contentType))
        #expect(parsed.attachments.map(\.contentID) == message.attachments.map(\.contentID))
        for field in message.extraHeaders {
            #expect(parsed.header[field.name]?.value == field.value)
        }
    }

    @Test func pythonReadsEveryBuiltMessageWithoutDefects() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailsync-built-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = [String]()
        var messages = [(OutgoingMessage, BuiltMessage)]()
        for (index, entry) in BuilderCases.all.enumerated() {
            let built = try Self.builder.build(entry.message)
            let file = directory.appendingPathComponent("\(index).eml")
            try Data(built.bytes).write(to: file)
            files.append(file.path)
            messages.append((entry.message, built))
        }
        let output = try RepositoryPaths.runReference(["dump"] + files)
        let lines = output.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == messages.count)
        for (line, (message, built)) in zip(lines, messages) {
            let python = try JSONDecoder().decode(PythonReference.self, from: Data(line))
            let label = "\(message.subject.prefix(30))"
            #expect(python.defects.isEmpty, "\(label): \(python.defects)")
            #expect(python.unstructured["subject"] == message.subject, "\(label)")
            #expect(python.from.map { $0[1] } == [message.from.address])
            #expect(python.from.map { $0[0] } == [message.from.displayName])
            #expect(python.to.map { $0[1] } == message.to.map(\.address), "\(label)")
            #expect(python.to.map { $0[0] } == message.to.map { Self.trimmed($0.displayName) }, "\(label)")
            #expect(python.cc.map { $0[1] } == message.cc.map(\.address))
            #expect(python.bcc.map { $0[1] } == message.bcc.map(\.address))
            #expect(python.messageId == built.messageID)
            #expect(python.inReplyTo == (message.inReplyTo.map { [$0] } ?? []))
            #expect(python.references == message.references)
            #expect(python.date == Int64(message.date.timeIntervalSince1970))
            #expect(python.text == message.textBody ?? (message.htmlBody == nil ? "" : nil), "\(label)")
            #expect(python.html == message.htmlBody, "\(label)")
            let attachments = python.leaves.filter { $0.filename != nil }
            #expect(attachments.map(\.filename) == message.attachments.map(\.filename), "\(label)")
            #expect(attachments.map(\.type) == message.attachments.map(\.contentType))
            for field in message.extraHeaders {
                #expect(python.unstructured[field.name.lowercased()] == field.value)
            }
        }
    }

    @Test func bccIsDroppedUnlessKept() throws {
        var message = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "s", date: BuilderCases.date)
        message.bcc = [MailAddress(address: "hidden@example.org")]
        let dropped = MessageParser().parse(try MessageBuilder(messageIDDomain: "x.example").build(message).bytes)
        let kept = MessageParser().parse(try MessageBuilder(messageIDDomain: "x.example", keepsBcc: true).build(message).bytes)
        #expect(dropped.bcc.isEmpty)
        #expect(kept.bcc.map(\.address) == ["hidden@example.org"])
    }

    @Test func freshMessageIDsAreUniqueAndOnTheServiceDomain() throws {
        let builder = MessageBuilder(messageIDDomain: "mail.crm.example.com")
        let message = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "s", date: BuilderCases.date)
        let ids = try (0..<200).map { _ in try builder.build(message).messageID }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasSuffix("@mail.crm.example.com") })
    }

    @Test func aRecordedMessageIDIsReused() throws {
        var message = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "s", date: BuilderCases.date)
        message.messageID = "outbox-17@mail.crm.example.com"
        #expect(try Self.builder.build(message).messageID == "outbox-17@mail.crm.example.com")
    }

    @Test func replyCarriesInReplyToAndTheParentsReferences() throws {
        let parent = MessageParser().parse(Array("""
            Message-ID: <p3@x>\r
            In-Reply-To: <p2@x>\r
            References: <p1@x> <p2@x>\r
            \r
            body
            """.utf8))
        var reply = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "Re: s", date: BuilderCases.date)
        reply.reply(to: parent)
        #expect(reply.inReplyTo == "p3@x")
        #expect(reply.references == ["p1@x", "p2@x", "p3@x"])
        let noReferences = MessageParser().parse(Array("Message-ID: <b@x>\r\nIn-Reply-To: <a@x>\r\n\r\n".utf8))
        reply.reply(to: noReferences)
        #expect(reply.references == ["a@x", "b@x"])
    }

    @Test(arguments: [
        ("bad address", MailAddress(address: "no-at-sign"), "s", MailBuildError.Code.invalidAddress),
        ("injected name", MailAddress(displayName: "A\r\nBcc: x@y", address: "a@b.c"), "s", .lineBreakInHeader),
        ("injected subject", MailAddress(address: "a@b.c"), "s\r\nBcc: x@y", .lineBreakInHeader),
        ("space in address", MailAddress(address: "a b@c.d"), "s", .invalidAddress),
    ])
    func invalidInputIsRefused(name: String, from: MailAddress, subject: String, code: MailBuildError.Code) {
        let message = OutgoingMessage(from: from, to: [], subject: subject, date: BuilderCases.date)
        #expect(throws: MailBuildError(code, field: name.contains("subject") ? "subject" : "from[0]")) {
            try Self.builder.build(message)
        }
    }

    @Test func extraHeadersMustBeXHeaders() {
        var message = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "s", date: BuilderCases.date)
        message.extraHeaders = [HeaderField(name: "Received", value: "x")]
        #expect(throws: MailBuildError(.invalidHeaderName, field: "extraHeaders[0]")) { try Self.builder.build(message) }
    }

    /// Display names are written without leading and trailing whitespace.
    static func trimmed(_ name: String?) -> String? {
        name?.trimmingCharacters(in: .whitespaces)
    }

    /// CRLF only, no bare CR or LF, and every line within 998 octets (RFC 5322 2.1.1).
    static func expectWellFormed(_ bytes: [UInt8]) {
        var lineLength = 0
        var longest = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") {
                #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "bare LF at \(index)")
                longest = max(longest, lineLength - 1)
                lineLength = 0
            } else {
                if index > 0 && bytes[index - 1] == UInt8(ascii: "\r") { Issue.record("bare CR at \(index - 1)") }
                lineLength += 1
            }
        }
        #expect(longest <= 998)
    }
}

/// Values that cannot be folded are refused rather than written past 998 octets.
@Suite struct MessageBuilderLimitTests {
    @Test func unfoldableValuesAreRefused() {
        var message = OutgoingMessage(from: BuilderCases.sender, to: [], subject: "s", date: BuilderCases.date)
        message.listUnsubscribe = ["https://crm.example.com/u/" + String(repeating: "a", count: 1_000)]
        #expect(throws: MailBuildError(.valueTooLong, field: "listUnsubscribe[0]")) {
            try MessageBuilderTests.builder.build(message)
        }
        message.listUnsubscribe = []
        message.attachments = [
            OutgoingAttachment(filename: "f", contentType: "application/" + String(repeating: "x", count: 300), data: [])
        ]
        #expect(throws: MailBuildError(.valueTooLong, field: "attachments[0]")) {
            try MessageBuilderTests.builder.build(message)
        }
    }

    @Test func longUnicodeValuesStayWithinLineLimits() throws {
        var message = OutgoingMessage(
            from: MailAddress(displayName: String(repeating: "Ä", count: 600), address: "a@example.com"), to: [],
            subject: String(repeating: "ß", count: 2_000), date: BuilderCases.date)
        message.attachments = [
            OutgoingAttachment(filename: String(repeating: "ü", count: 700) + ".pdf", contentType: "application/pdf", data: [1])
        ]
        message.extraHeaders = [HeaderField(name: "X-Long", value: String(repeating: "word ", count: 400))]
        let built = try MessageBuilderTests.builder.build(message)
        MessageBuilderTests.expectWellFormed(built.bytes)
        let parsed = MessageParser().parse(built.bytes)
        #expect(parsed.subject == message.subject)
        #expect(parsed.from.first?.displayName == message.from.displayName)
        #expect(parsed.attachments.first?.filename == message.attachments.first?.filename)
        #expect(parsed.header["x-long"]?.value == message.extraHeaders.first?.value)
    }
}
