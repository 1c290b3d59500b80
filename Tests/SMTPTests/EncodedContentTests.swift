import NIOCore
import Testing

@testable import SMTP

@Suite struct EncodedContentTests {
    private func wire(_ text: String) -> String {
        String(buffer: EncodedContent(encoding: Array(text.utf8)).bytes)
    }

    @Test(arguments: [
        ("Subject: a\r\n\r\nbody\r\n", "Subject: a\r\n\r\nbody\r\n.\r\n"),
        (".\r\n", "..\r\n.\r\n"),
        ("a\r\n.hidden\r\n..two\r\nnot.start\r\n", "a\r\n..hidden\r\n...two\r\nnot.start\r\n.\r\n"),
        (".first line", "..first line\r\n.\r\n"),
        ("unix\nlines\n.dot\n", "unix\r\nlines\r\n..dot\r\n.\r\n"),
        ("old\rmac\r.dot", "old\r\nmac\r\n..dot\r\n.\r\n"),
        ("no final line end", "no final line end\r\n.\r\n"),
        ("", ".\r\n"),
        ("\r\n.\r\n", "\r\n..\r\n.\r\n"),
    ])
    func lineEndsBecomeCRLFAndLeadingDotsAreDoubled(content: String, expected: String) {
        #expect(wire(content) == expected)
    }

    @Test func sizeCountsCRLFLinesWithoutStuffingOrTheClosingDot() {
        let encoded = EncodedContent(encoding: Array("a\n.b\r\n".utf8))
        #expect(encoded.messageSize == "a\r\n.b\r\n".utf8.count)
        #expect(encoded.bytes.readableBytes == encoded.messageSize + 1 + 3)
    }

    @Test func eightBitBytesAreNoticed() {
        #expect(EncodedContent(encoding: Array("Grüße\r\n".utf8)).has8BitBytes)
        #expect(!EncodedContent(encoding: Array("Hello\r\n".utf8)).has8BitBytes)
    }
}
