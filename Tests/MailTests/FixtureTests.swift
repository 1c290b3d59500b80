import Foundation
import Mail
import Testing

/// Hand-written real-world oddities: read like Python's `email` except for the differences
/// docs/mail.md accepts, and with the details the sync engine relies on.
@Suite struct FixtureTests {
    /// Differences from Python accepted per fixture (docs/mail.md explains each).
    static let acceptedDifferences: [String: Set<String>] = [
        // Outlook separates recipients with ";"; Python stops at the first one.
        "outlook-html-inline-image.eml": ["to"],
        // Same for Cc; and a Message-ID without angle brackets is kept rather than dropped.
        "broken-headers.eml": ["cc", "message-id"],
    ]

    static func load(_ name: String) throws -> ParsedMessage {
        MessageParser().parse([UInt8](try Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent(name))))
    }

    @Test func fixturesDifferFromPythonOnlyAsDocumented() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.fixtures.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        #expect(names.count >= 10)
        let output = try RepositoryPaths.runReference(
            ["dump"] + names.map { RepositoryPaths.fixtures.appendingPathComponent($0).path })
        let lines = output.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == names.count)
        for (name, line) in zip(names, lines) {
            let reference = try JSONDecoder().decode(PythonReference.self, from: Data(line))
            let differences = ReferenceComparison(try Self.load(name), reference, name: name).differences
            let fields = Set(differences.map { $0.dropFirst(name.count + 1).components(separatedBy: ":")[0] })
            #expect(fields == Self.acceptedDifferences[name] ?? [], "\(differences)")
        }
    }

    @Test func outlookMessageWithInlineImage() throws {
        let message = try Self.load("outlook-html-inline-image.eml")
        #expect(message.from == [MailAddress(displayName: "Müller, Jürgen", address: "Juergen.Mueller@Contoso.COM")])
        #expect(message.from.first?.normalized == "juergen.mueller@contoso.com")
        #expect(message.to.map(\.normalized) == ["anna@example.org", "bob@example.org"])
        #expect(message.cc.first?.displayName == "Ève Dubois")
        #expect(message.subject == "AW: Angebot für die Größe XL")
        #expect(message.messageID?.hasPrefix("AM0PR01MB12345A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9@") == true)
        #expect(message.inReplyTo == ["CAF=abc123@mail.gmail.com"])
        #expect(message.textBody?.contains("Größe XL. Der Preis beträgt 1.200 \u{80} zzgl. MwSt.") == true)
        #expect(message.htmlBody?.contains("cid:image001.png@01DA0E00.12345670") == true)
        let image = try #require(message.attachments.first)
        #expect(message.attachments.count == 1)
        #expect(image.filename == "image001.png")
        #expect(image.contentID == "image001.png@01DA0E00.12345670")
        #expect(image.isInline)
        #expect(image.size == 68)
        #expect(message.header.fields(named: "received").count == 1)
        #expect(message.warnings.isEmpty)
    }

    @Test func appleMailPrefersTheRFC2231Filename() throws {
        let message = try Self.load("apple-mail-attachment.eml")
        #expect(message.subject == "Zdjęcia z wycieczki")
        #expect(message.textBody == "Cześć Jan,\n\nw załączniku zdjęcia.\n\nPozdrawiam,\nZofia\n")
        #expect(message.attachments.map(\.filename) == ["zdjęcie łąka.jpg"])
        #expect(message.attachments.first?.contentType.mimeType == "image/jpeg")
        #expect(message.attachments.first?.isInline == false)
    }

    @Test func bounceReportNamesTheOriginalMessage() throws {
        let message = try Self.load("bounce-dsn.eml")
        let report = try #require(message.deliveryStatus)
        #expect(report.originalMessageID == "mx1abc.0123456789abcdef@mail.crm.example.com")
        #expect(report.reportingMTA == "mx.example.org")
        #expect(report.hasFailure)
        #expect(report.recipients.count == 1)
        #expect(report.recipients.first?.finalRecipient == "nobody@example.org")
        #expect(report.recipients.first?.status == "5.1.1")
        #expect(report.recipients.first?.diagnosticCode?.contains("User unknown") == true)
        #expect(message.textBody?.hasPrefix("This is the mail system") == true)
    }

    @Test func calendarInviteKeepsTheCalendarPart() throws {
        let message = try Self.load("calendar-invite.eml")
        #expect(message.textBody == "You have been invited to the following event.\n\nSync meeting\n")
        #expect(message.attachments.map(\.contentType.mimeType) == ["text/calendar", "application/ics"])
        #expect(message.attachments.first?.contentType.parameters["method"] == "REQUEST")
        #expect(message.attachments.last?.filename == "invite.ics")
    }

    @Test func signedMailShowsTheSignedBody() throws {
        let message = try Self.load("signed-smime.eml")
        #expect(message.textBody == "Signed text with ünïcödé.")
        #expect(message.htmlBody == "<p>Signed text with ünïcödé.</p>")
        #expect(message.attachments.map(\.filename) == ["smime.p7s"])
        #expect(message.root.contentType.subtype == "signed")
    }

    @Test func brokenHeadersAreReadAsFarAsPossible() throws {
        let message = try Self.load("broken-headers.eml")
        // An unterminated quote swallows the rest, as in Python.
        #expect(message.from.map(\.address) == ["\"Broken, Name <broken@example.com>\""])
        #expect(message.to.map(\.address) == ["a@example.org", "b@example.org", "c@example.org"])
        #expect(message.cc.map(\.address) == ["d@example.org", "e@example.org"])
        #expect(message.subject == "Broken padding and caf\u{FFFD} =?utf-8?q?_end")
        #expect(message.date?.iso8601 == "2026-11-02T14:03:00+00:00")
        #expect(message.messageID == "missing-brackets@example.com")
        #expect(message.references == ["a@x"])
        #expect(message.inReplyTo == ["a@x"])
        #expect(message.textBody == "Body with =ZZ bad escape and soft break.\n")
        let codes = Set(message.warnings.map(\.code))
        #expect(codes == [.unknownCharset, .invalidQuotedPrintable])
    }

    @Test func rawUTF8HeadersAndLFLineEnds() throws {
        let message = try Self.load("lf-only-8bit-headers.eml")
        #expect(message.subject == "Grüße aus Köln – raw UTF-8")
        #expect(message.from.first?.displayName == "Jürgen Müller")
        #expect(message.to.first?.displayName == "Дмитрий")
        #expect(message.textBody == "Körper mit rohem UTF-8.\n")
    }

    @Test func koi8rWithBase64MissingPadding() throws {
        let message = try Self.load("koi8r-base64-no-padding.eml")
        #expect(message.subject == "Привет, как дела?")
        #expect(message.from.first?.displayName == "Дмитрий Иванов")
        #expect(message.textBody == "Привет, это тест.\n")
    }

    @Test func truncatedMultipartKeepsItsParts() throws {
        let message = try Self.load("missing-closing-boundary.eml")
        #expect(message.textBody == "first part\n--XYZ-not-a-delimiter\nstill first part")
        #expect(message.attachments.map(\.filename) == ["cut.bin"])
        #expect(message.attachments.first?.data == [0, 1, 2])
        #expect(message.warnings.map(\.code) == [.missingClosingBoundary])
    }

    @Test func forwardedMessageIsOneAttachment() throws {
        let message = try Self.load("forwarded-rfc822.eml")
        #expect(message.textBody == "See the attached message.")
        let forwarded = try #require(message.attachments.first)
        #expect(forwarded.contentType.mimeType == "message/rfc822")
        #expect(forwarded.filename == "Original.eml")
        #expect(MessageParser().parse(forwarded.data).messageID == "orig-1@example.net")
    }
}
