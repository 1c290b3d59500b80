import Foundation
@testable import Mail
import Testing

/// Charsets, encoded words and parameters, each checked on its own.
@Suite struct HeaderDecodingTests {
    /// Every charset the issue names, with text only it (or UTF-8) can carry.
    @Test(arguments: [
        ("utf-8", "Grüße 🚀 Привет 你好"),
        ("us-ascii", "plain ASCII"),
        ("iso-8859-1", "Grüße, Ève, Ñúñez ¿¡"),
        ("iso-8859-2", "Zażółć gęślą jaźń, Příliš žluťoučký"),
        ("iso-8859-15", "Œuvre à 20 € - Šárka Žofie"),
        ("windows-1250", "Zażółć gęślą jaźń „quoted“ – ť"),
        ("windows-1252", "Smart “quotes” – 20 € … ™"),
        ("koi8-r", "Съешь же ещё этих мягких булок"),
    ])
    func charsetTablesDecodeLikePython(charset: String, text: String) throws {
        let bytes = try #require(PythonCodec.encode(text, charset: charset))
        #expect(try #require(Charset.named(charset)).decode(bytes) == text)
        let word = "=?\(charset)?B?\(String(decoding: Base64.encode(bytes, lineLength: nil), as: UTF8.self))?="
        #expect(EncodedWords.decode(Array(word.utf8)[...]) == text)
    }

    @Test(arguments: ["UTF8", "Latin1", "ISO_8859-2", "CP1250", "windows-1252", "KOI8-R", "utf-8*de", "\"utf-8\""])
    func charsetAliasesAreKnown(name: String) {
        #expect(Charset.named(name) != nil)
    }

    @Test func unknownCharsetIsNil() {
        #expect(Charset.named("x-mac-klingon") == nil)
    }

    @Test(arguments: [
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\t  =?utf-8?b?Yg==?=", "ab"),
        ("=?utf-8?q?a?= x =?utf-8?q?b?=", "a x b"),
        ("x =?utf-8?q?a_b?= y", "x a b y"),
        ("=?UTF-8?B?w7w=?=", "ü"),
        ("=?utf-8?b?w7xi?=", "üb"),
        ("=?utf-8?b?4oK?= =?utf-8?b?rA==?=", "€"),
        ("=?utf-8?q?=E2=82?= =?utf-8?q?=AC?=", "€"),
        ("=?utf-8?q?=3D?=", "="),
        ("=?iso-8859-1?q?caf=E9?=", "café"),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("=??q?x?=", "=??q?x?="),
        ("Grüße raw", "Grüße raw"),
        ("=?utf-8*en?q?hi?=", "hi"),
        ("=?utf-8?b?SGVsbG8?=", "Hello"),
    ])
    func encodedWordsDecode(raw: String, expected: String) {
        #expect(EncodedWords.decode(Array(raw.utf8)[...]) == expected)
    }

    @Test func rawHeaderBytesThatAreNotUTF8AreReadAsLatin1() {
        #expect(EncodedWords.decode([0x63, 0x61, 0x66, 0xE9][...]) == "café")
    }

    @Test(arguments: [
        ("attachment; filename=\"a b.pdf\"", "a b.pdf"),
        ("attachment; filename=plain.txt", "plain.txt"),
        ("attachment; FILENAME=\"x\\\"y.txt\"", "x\"y.txt"),
        ("attachment; filename*=utf-8''%C3%BC%20x.pdf", "ü x.pdf"),
        ("attachment; filename*=iso-8859-1'de'%FC.pdf", "ü.pdf"),
        ("attachment; filename*0*=utf-8''%E2%82; filename*1*=%AC.txt", "€.txt"),
        ("attachment; filename*1=\"b.txt\"; filename*0=\"a\"", "ab.txt"),
        ("attachment; filename*0*=utf-8''a%20; filename*1=\"b c\"", "a b c"),
        ("attachment; filename=\"=?utf-8?Q?=C3=BC.pdf?=\"", "ü.pdf"),
        ("attachment; filename=\"fallback.pdf\"; filename*=utf-8''pr%C3%A4feriert.pdf", "präferiert.pdf"),
        ("attachment; filename*=''%41.txt", "A.txt"),
        ("attachment (comment); filename=\"c.txt\"", "c.txt"),
    ])
    func dispositionFilenames(value: String, expected: String) {
        #expect(ContentDisposition(headerValue: Array(value.utf8)[...]).filename == expected)
    }

    @Test func contentTypeIsLowerCasedWithParameters() throws {
        let type = try #require(ContentType(headerValue: Array("Text/HTML; Charset=\"UTF-8\"; format=flowed".utf8)[...]))
        #expect(type.mimeType == "text/html")
        #expect(type.charset == "UTF-8")
        #expect(type.parameters["format"] == "flowed")
        #expect(ContentType(headerValue: Array("garbage".utf8)[...]) == nil)
    }

    @Test(arguments: [
        ("Re: Hello", "Hello"), ("RE: Fwd: AW: WG: SV: Hello", "Hello"), ("RE[2]: Hello", "Hello"),
        ("Re(3): Hello", "Hello"), ("Fw:  Hello   world", "Hello world"), ("Antw: Re: x", "x"),
        ("Réf. : x", "x"), ("回复：你好", "你好"), ("Meeting: Re: agenda", "Meeting: Re: agenda"),
        ("Re:", ""), ("Re: Re: Re: ", ""), ("Regarding: x", "Regarding: x"), ("VS: TR: RIF: x", "x"),
    ])
    func subjectsAreNormalisedForDisplay(subject: String, expected: String) {
        #expect(SubjectNormalizer.normalize(subject) == expected)
    }
}

/// Python's codecs as this test's independent encoder, so the tables are checked against them.
enum PythonCodec {
    static func encode(_ text: String, charset: String) -> [UInt8]? {
        let script = "import sys; sys.stdout.buffer.write(sys.argv[1].encode(sys.argv[2]))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.python)
        process.arguments = ["-c", script, text, charset]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }
}
