/// Base64 as mail uses it: decoding tolerates line breaks, stray characters and missing padding;
/// encoding writes 76-character CRLF lines (RFC 2045 6.8).
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0-63 for alphabet bytes, 64 for whitespace, 65 for `=`, 255 for anything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        for byte in [ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf] { table[Int(byte)] = 64 }
        table[Int(ASCII.equals)] = 65
        // URL-safe alphabet, seen from some webmailers.
        table[Int(ASCII.hyphen)] = 62
        table[Int(ASCII.underscore)] = 63
        return table
    }()

    /// The decoded bytes and whether characters outside the alphabet were skipped.
    static func decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], hadInvalidCharacters: Bool) {
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var invalid = false
        var quad: UInt32 = 0
        var count = 0
        decodeTable.withUnsafeBufferPointer { table in
            for byte in input {
                let value = table[Int(byte)]
                if value < 64 {
                    quad = quad << 6 | UInt32(value)
                    count += 1
                    if count == 4 {
                        output.append(UInt8(truncatingIfNeeded: quad >> 16))
                        output.append(UInt8(truncatingIfNeeded: quad >> 8))
                        output.append(UInt8(truncatingIfNeeded: quad))
                        quad = 0
                        count = 0
                    }
                } else if value == 65 {
                    // Padding ends a group; a later group (concatenated encodings) starts afresh.
                    flush(&output, quad: quad, count: count)
                    quad = 0
                    count = 0
                } else if value == 255 {
                    invalid = true
                }
            }
        }
        flush(&output, quad: quad, count: count)
        return (output, invalid)
    }

    /// Whether every byte is of either alphabet (standard or URL-safe): no whitespace, padding
    /// or other character.
    static func isAlphabetOnly(_ input: ArraySlice<UInt8>) -> Bool {
        decodeTable.withUnsafeBufferPointer { table in input.allSatisfy { table[Int($0)] < 64 } }
    }

    /// Whether `byte` is the whitespace a decoder skips.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        decodeTable[Int(byte)] == 64
    }

    private static func flush(_ output: inout [UInt8], quad: UInt32, count: Int) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: quad >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: quad >> 10))
            output.append(UInt8(truncatingIfNeeded: quad >> 2))
        default:
            break
        }
    }

    /// Base64 text of `input`; with `lineLength` set, broken into CRLF-terminated lines.
    static func encode(_ input: some Collection<UInt8>, lineLength: Int? = 76) -> [UInt8] {
        let bytes = Array(input)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count / 3 * 4 + bytes.count / 38 + 8)
        var column = 0
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 63)] : ASCII.equals)
            output.append(remaining > 2 ? alphabet[Int(group & 63)] : ASCII.equals)
            index += 3
            column += 4
            if let lineLength, column >= lineLength, index < bytes.count {
                output.append(ASCII.cr)
                output.append(ASCII.lf)
                column = 0
            }
        }
        if lineLength != nil, !output.isEmpty {
            output.append(ASCII.cr)
            output.append(ASCII.lf)
        }
        return output
    }
}
