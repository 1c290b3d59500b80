import Foundation
@testable import Mail
import Testing

/// Base64 and quoted-printable, tolerant when decoding and strict when encoding.
@Suite struct TransferEncodingTests {
    @Test(arguments: [
        ("aGVsbG8=", "hello"), ("aGVs\r\nbG8=", "hello"), ("aGVsbG8", "hello"), ("aGVsbA", "hell"),
        ("aGVsbG8=\r\nd29ybGQ=", "helloworld"), ("a G V s b G 8 =", "hello"), ("", ""),
    ])
    func base64DecodesTolerantly(encoded: String, decoded: String) {
        let result = Base64.decode(Array(encoded.utf8)[...])
        #expect(String(decoding: result.bytes, as: UTF8.self) == decoded)
        #expect(!result.hadInvalidCharacters)
    }

    @Test func base64FlagsStrayCharacters() {
        let result = Base64.decode(Array("aGV*sbG8=".utf8)[...])
        #expect(result.bytes == Array("hello".utf8))
        #expect(result.hadInvalidCharacters)
    }

    @Test(arguments: [0, 1, 2, 3, 57, 58, 100, 1000])
    func base64RoundTrips(count: Int) {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoded = Base64.encode(data)
        #expect(Base64.decode(encoded[...]).bytes == data)
        #expect(encoded.split(separator: ASCII.lf).allSatisfy { $0.count <= 77 })
    }

    @Test(arguments: [
        ("caf=C3=A9", "café"), ("soft=\r\nbreak", "softbreak"), ("soft=\nbreak", "softbreak"),
        ("trailing   \r\nline", "trailing\r\nline"), ("a=3Db", "a=b"), ("lower=c3=a9", "loweré"),
        ("end=", "end"), ("bad=ZZ", "bad=ZZ"), ("bad=4", "bad=4"), ("keep\r\n", "keep\r\n"),
    ])
    func quotedPrintableDecodes(encoded: String, decoded: String) {
        #expect(String(decoding: QuotedPrintable.decode(Array(encoded.utf8)[...]).bytes, as: UTF8.self) == decoded)
    }

    @Test(arguments: [
        "plain", "Grüße aus Köln", "a=b", "trailing space \nnext", String(repeating: "long line ", count: 50),
        "tab\tinside", "é", "line1\nline2\r\nline3", "", "ends with space ",
    ])
    func quotedPrintableRoundTrips(text: String) {
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.allSatisfy { $0 < 0x80 })
        #expect(encoded.split(separator: ASCII.lf).allSatisfy { $0.count <= 77 })
        let decoded = String(decoding: QuotedPrintable.decode(encoded[...]).bytes, as: UTF8.self)
        #expect(decoded == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest(Array(repeating: UInt8(ascii: "a"), count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
