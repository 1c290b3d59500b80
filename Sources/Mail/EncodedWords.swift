/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Adjacent encoded words separated only by whitespace are joined, and their bytes are decoded
/// together when they share a charset, so a character split across two words survives. Text
/// outside encoded words is read as UTF-8 (raw 8-bit headers) or, failing that, ISO-8859-1.
enum EncodedWords {
    /// The longest encoded word looked for; RFC 2047 allows 75 bytes, real mail sometimes more.
    private static let maxWordLength = 512

    /// The decoded text of a header value (unfolded, without the field name).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard containsMarker(bytes) else { return ASCII.headerText(bytes) }
        var result = ""
        var pending: (charset: String, bytes: [UInt8])?
        var rawStart = bytes.startIndex
        var lastWasWord = false
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            guard bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.question,
                let word = parseWord(bytes, at: index)
            else {
                index += 1
                continue
            }
            let between = bytes[rawStart..<index]
            let onlyWhitespace = between.allSatisfy { $0 == ASCII.space || $0 == ASCII.tab }
            if !(lastWasWord && onlyWhitespace) {
                flush(&pending, into: &result)
                result += ASCII.headerText(between)
            }
            if var current = pending, current.charset == word.charset {
                current.bytes += word.bytes
                pending = current
            } else {
                flush(&pending, into: &result)
                pending = (word.charset, word.bytes)
            }
            lastWasWord = true
            index = word.end
            rawStart = word.end
        }
        flush(&pending, into: &result)
        result += ASCII.headerText(bytes[rawStart...])
        return result
    }

    /// Whether `bytes` contains `=?` at all (the common, fast case is no).
    static func containsMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.question { return true }
            index += 1
        }
        return false
    }

    private static func flush(_ pending: inout (charset: String, bytes: [UInt8])?, into result: inout String) {
        guard let word = pending else { return }
        result += (Charset.named(word.charset) ?? .utf8).decode(word.bytes)
        pending = nil
    }

    /// The encoded word starting at `start` (which holds `=?`), or nil when it is not one.
    private static func parseWord(
        _ bytes: ArraySlice<UInt8>, at start: Int
    ) -> (charset: String, bytes: [UInt8], end: Int)? {
        let limit = min(bytes.endIndex, start + maxWordLength)
        var cursor = start + 2
        let charsetStart = cursor
        while cursor < limit, bytes[cursor] != ASCII.question {
            let byte = bytes[cursor]
            if ASCII.isWhitespace(byte) || byte == ASCII.equals { return nil }
            cursor += 1
        }
        guard cursor > charsetStart, cursor + 2 < limit, bytes[cursor + 2] == ASCII.question else { return nil }
        let charset = String(decoding: bytes[charsetStart..<cursor], as: UTF8.self)
        let encoding = ASCII.lowercased(bytes[cursor + 1])
        guard encoding == 0x62 || encoding == 0x71 else { return nil }
        let textStart = cursor + 3
        var textEnd = textStart
        while textEnd + 1 < limit, !(bytes[textEnd] == ASCII.question && bytes[textEnd + 1] == ASCII.equals) {
            if bytes[textEnd] == ASCII.cr || bytes[textEnd] == ASCII.lf { return nil }
            textEnd += 1
        }
        guard textEnd + 1 < limit else { return nil }
        let text = bytes[textStart..<textEnd]
        let decoded = encoding == 0x62 ? Base64.decode(text).bytes : QuotedPrintable.decodeQ(text)
        return (charset, decoded, textEnd + 2)
    }
}
