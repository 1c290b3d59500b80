/// Quoted-printable (RFC 2045 6.7) for bodies and the Q encoding of RFC 2047 headers.
enum QuotedPrintable {
    /// The decoded bytes of a quoted-printable body and whether an invalid escape was kept.
    ///
    /// Soft line breaks (`=` at the end of a line) join lines; trailing spaces and tabs before a
    /// line break are dropped, as RFC 2045 asks; line breaks are kept as they came.
    static func decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], hadInvalidEscapes: Bool) {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var invalid = false
        var index = input.startIndex
        let end = input.endIndex
        while index < end {
            var lineEnd = index
            while lineEnd < end, input[lineEnd] != ASCII.lf { lineEnd += 1 }
            let hasNewline = lineEnd < end
            var contentEnd = lineEnd
            if hasNewline, contentEnd > index, input[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            let lineBreak = input[contentEnd..<(hasNewline ? lineEnd + 1 : lineEnd)]
            while contentEnd > index, input[contentEnd - 1] == ASCII.space || input[contentEnd - 1] == ASCII.tab {
                contentEnd -= 1
            }
            var softBreak = false
            var cursor = index
            while cursor < contentEnd {
                let byte = input[cursor]
                if byte != ASCII.equals {
                    output.append(byte)
                    cursor += 1
                    continue
                }
                if cursor + 1 == contentEnd {
                    softBreak = true
                    cursor += 1
                } else if cursor + 2 < contentEnd, let high = ASCII.hexValue(input[cursor + 1]),
                    let low = ASCII.hexValue(input[cursor + 2])
                {
                    output.append(high << 4 | low)
                    cursor += 3
                } else {
                    invalid = true
                    output.append(byte)
                    cursor += 1
                }
            }
            if !softBreak { output.append(contentsOf: lineBreak) }
            index = hasNewline ? lineEnd + 1 : lineEnd
        }
        return (output, invalid)
    }

    /// The decoded bytes of the encoded text of a Q-encoded word (`_` is a space).
    static func decodeQ(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == ASCII.underscore {
                output.append(ASCII.space)
            } else if byte == ASCII.equals, index + 2 < input.endIndex,
                let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Quoted-printable text of `text`, with CRLF line breaks and lines of at most 76 characters.
    ///
    /// Line breaks in `text` (LF or CRLF) become hard CRLF breaks; everything else that is not
    /// printable ASCII, `=`, and whitespace before a break are escaped.
    static func encode(_ text: String) -> [UInt8] {
        var output = [UInt8]()
        let bytes = Array(text.utf8)
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var column = 0
        var index = 0
        func append(_ token: ArraySlice<UInt8>) {
            if column + token.count > 75 {
                output.append(contentsOf: [ASCII.equals, ASCII.cr, ASCII.lf])
                column = 0
            }
            output.append(contentsOf: token)
            column += token.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.lf || (byte == ASCII.cr && index + 1 < bytes.count && bytes[index + 1] == ASCII.lf) {
                output.append(contentsOf: [ASCII.cr, ASCII.lf])
                column = 0
                index += byte == ASCII.cr ? 2 : 1
                continue
            }
            let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == ASCII.lf || bytes[index + 1] == ASCII.cr
            let isWhitespace = byte == ASCII.space || byte == ASCII.tab
            let printable = (byte >= 0x21 && byte <= 0x7E && byte != ASCII.equals) || (isWhitespace && !atLineEnd)
            if printable {
                append([byte])
            } else {
                append([ASCII.equals, ASCII.hexDigits[Int(byte >> 4)], ASCII.hexDigits[Int(byte & 15)]])
            }
            index += 1
        }
        return output
    }
}
