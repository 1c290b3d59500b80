import Mail
import Testing

/// Pins the documented differences from Python (docs/mail.md, "Accepted differences"), so a
/// change to any of them is a decision, not an accident.
@Suite struct AcceptedDifferenceTests {
    static func parse(_ text: String) -> ParsedMessage { MessageParser().parse(Array(text.utf8)) }

    @Test func usAsciiLabelledEightBitTextIsReadAsUTF8() {
        let message = Self.parse("Content-Type: text/plain; charset=us-ascii\r\n\r\nGrüße")
        #expect(message.textBody == "Grüße")
    }

    @Test func characterSplitAcrossEncodedWordsSurvives() {
        #expect(Self.parse("Subject: =?utf-8?b?4oI=?= =?utf-8?b?rA==?=\r\n\r\n").subject == "€")
    }

    @Test func twoDigitYearsFollowRFC5322() {
        #expect(Self.parse("Date: 1 Jan 55 00:00:00 +0000\r\n\r\n").date?.iso8601 == "1955-01-01T00:00:00+00:00")
        #expect(Self.parse("Date: 1 Jan 26 00:00:00 +0000\r\n\r\n").date?.iso8601 == "2026-01-01T00:00:00+00:00")
    }

    @Test func uuencodeIsKeptWithAWarning() {
        let message = Self.parse(
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n")
        #expect(message.attachments.first?.data == Array("begin 644 a\r\n".utf8))
        #expect(message.warnings.map(\.code) == [.unknownTransferEncoding])
    }

    @Test func loneCRIsNoLineBreak() {
        #expect(Self.parse("Subject: a\rb\r\n\r\n").subject == "a\rb")
    }

    @Test func whitespaceBeforeTheColonIsTheObsoleteFieldSyntax() {
        let message = Self.parse("Subject : obsolete\r\nTo: a@example.org\r\n\r\nbody")
        #expect(message.subject == "obsolete")
        #expect(message.to.map(\.address) == ["a@example.org"])
    }
}
