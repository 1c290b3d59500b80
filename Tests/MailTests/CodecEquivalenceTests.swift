@testable import Mail
import Testing

/// The fast Base64, base64url and line-break code gives exactly what the byte-at-a-time code it
/// replaced gave (`PreviousCodecs`), on encoder output and on arbitrary text, at every length.
@Suite struct CodecEquivalenceTests {
    /// Every class the decoders tell apart: both alphabets, whitespace, `=`, stray ASCII and UTF-8.
    private static let mixedCharacters = Array("AZaz09+/-_= \t\r\n*.%\"".utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF]

    private static func randomBytes(_ count: Int, using generator: inout SplitMix) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private static func mixedText(_ count: Int, using generator: inout SplitMix) -> [UInt8] {
        (0..<count).map { _ in mixedCharacters.randomElement(using: &generator)! }
    }

    /// `text` with `insert` put at a few random places.
    private static func sprinkled(_ text: [UInt8], with insert: [UInt8], using generator: inout SplitMix)
        -> [UInt8]
    {
        var text = text
        for _ in 0..<3 { text.insert(contentsOf: insert, at: Int.random(in: 0...text.count, using: &generator)) }
        return text
    }

    private static func expectSameBase64Decoding(_ input: ArraySlice<UInt8>) {
        let fast = Base64.decode(input)
        let previous = PreviousCodecs.base64Decode(input)
        #expect(fast.bytes == previous.bytes, "\(Array(input))")
        #expect(fast.hadInvalidCharacters == previous.hadInvalidCharacters, "\(Array(input))")
    }

    @Test func base64DecodesEncoderOutputOfEveryLengthAsBefore() {
        var generator = SplitMix(seed: 1)
        for count in 0...300 {
            let bytes = Self.randomBytes(count, using: &generator)
            for lineLength in [76, nil, 4, 3] {
                let encoded = Base64.encode(bytes, lineLength: lineLength)
                #expect(Base64.decode(encoded[...]).bytes == bytes)
                let urlSafe = encoded.map { byte in
                    byte == UInt8(ascii: "+") ? ASCII.hyphen : byte == ASCII.slash ? ASCII.underscore : byte
                }
                let variants = [
                    encoded, urlSafe, Array(encoded.prefix { $0 != ASCII.equals }),
                    Self.sprinkled(encoded, with: [ASCII.space], using: &generator),
                    Self.sprinkled(encoded, with: [ASCII.cr, ASCII.lf, ASCII.tab], using: &generator),
                    Self.sprinkled(encoded, with: [ASCII.equals], using: &generator),
                    Self.sprinkled(encoded, with: [ASCII.equals, ASCII.equals, ASCII.lf], using: &generator),
                    Self.sprinkled(encoded, with: [UInt8(ascii: "*")], using: &generator),
                    Self.sprinkled(encoded, with: [0xC3, 0xA9], using: &generator),
                ]
                for variant in variants { Self.expectSameBase64Decoding(variant[...]) }
            }
        }
    }

    @Test func base64DecodesArbitraryTextAndSlicesAsBefore() {
        var generator = SplitMix(seed: 2)
        for count in 0...300 {
            for _ in 0..<4 {
                let text = Self.mixedText(count, using: &generator)
                Self.expectSameBase64Decoding(text[...])
                let start = Int.random(in: 0...count, using: &generator)
                Self.expectSameBase64Decoding(text[start...])
            }
        }
    }

    @Test func base64URLDecodesAsBefore() {
        var generator = SplitMix(seed: 3)
        for count in 0...300 {
            let bytes = Self.randomBytes(count, using: &generator)
            let padded = Base64URL.encode(bytes, padded: true)
            var texts = [
                padded, Base64URL.encode(bytes), " \r\n" + padded + "\t\n", padded + "=", "=" + padded,
                String(decoding: Self.mixedText(count, using: &generator), as: UTF8.self),
            ]
            let spaced = Self.sprinkled(Array(padded.utf8), with: [ASCII.space], using: &generator)
            texts.append(String(decoding: spaced, as: UTF8.self))
            #expect(Base64URL.decode(padded) == bytes)
            for text in texts {
                #expect(Base64URL.decode(text) == PreviousCodecs.base64URLDecode(text), "\(text)")
                let substring = text.dropFirst(min(1, text.count))
                #expect(Base64URL.decode(substring) == PreviousCodecs.base64URLDecode(substring), "\(substring)")
            }
        }
    }

    @Test func base64URLEncodesAsBeforeIntoStringsAndBytes() {
        var generator = SplitMix(seed: 4)
        for count in 0...300 {
            let bytes = Self.randomBytes(count, using: &generator)
            for padded in [true, false] {
                let previous = PreviousCodecs.base64URLEncode(bytes, padded: padded)
                #expect(Base64URL.encode(bytes, padded: padded) == previous)
                #expect(Base64URL.encode(bytes.lazy.map { $0 }, padded: padded) == previous)
                var output = Array("prefix".utf8)
                Base64URL.encode(bytes, padded: padded, appendingTo: &output)
                #expect(output == Array(("prefix" + previous).utf8))
            }
        }
    }

    @Test func lineBreaksNormalizeAsBefore() {
        var generator = SplitMix(seed: 5)
        let pieces = ["a", "bc", "\r", "\n", "\r\n", "\n\r", "é", "😀", " ", "\r\r\n"]
        for count in 0...300 {
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(
                MIMEParser.normalizeLineBreaks(text) == PreviousCodecs.normalizeLineBreaks(text),
                "\(text.debugDescription)")
        }
    }
}

extension SplitMix: RandomNumberGenerator {}
