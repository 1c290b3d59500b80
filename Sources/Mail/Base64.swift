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
        input.withUnsafeBufferPointer(decode)
    }

    /// `decode(_:)` on contiguous bytes. Whole groups of four alphabet characters take the fast
    /// path; whitespace, `=` and stray characters go through the character-by-character state.
    private static func decode(_ input: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], hadInvalidCharacters: Bool) {
        var invalid = false
        let bytes = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { output, written in
            decodeTable.withUnsafeBufferPointer { table in
                var out = 0
                var quad: UInt32 = 0
                var count = 0
                var index = 0
                let end = input.count
                while index < end {
                    while count == 0, end - index >= 4, let group = group(at: index, of: input, table: table) {
                        store(group, into: output, at: out)
                        out += 3
                        index += 4
                    }
                    guard index < end else { break }
                    let value = table[Int(input[index])]
                    index += 1
                    if value < 64 {
                        quad = quad << 6 | UInt32(value)
                        count += 1
                        if count == 4 {
                            store(quad, into: output, at: out)
                            out += 3
                            quad = 0
                            count = 0
                        }
                    } else if value == 65 {
                        // Padding ends a group; a later group (concatenated encodings) starts afresh.
                        out += flush(quad: quad, count: count, into: output, at: out)
                        quad = 0
                        count = 0
                    } else if value == 255 {
                        invalid = true
                    }
                }
                out += flush(quad: quad, count: count, into: output, at: out)
                written = out
            }
        }
        return (bytes, invalid)
    }

    /// The bytes of text made only of alphabet characters (either alphabet), or nil at the first
    /// other character or for a length no encoder writes (a lone character in the last group).
    static func decodeAlphabetOnly(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 4 != 1 else { return nil }
        var valid = true
        let bytes = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 2) { output, written in
            decodeTable.withUnsafeBufferPointer { table in
                var out = 0
                var index = 0
                let end = input.count
                while end - index >= 4 {
                    guard let group = group(at: index, of: input, table: table) else {
                        valid = false
                        return
                    }
                    store(group, into: output, at: out)
                    out += 3
                    index += 4
                }
                var quad: UInt32 = 0
                let count = end - index
                while index < end {
                    let value = table[Int(input[index])]
                    guard value < 64 else {
                        valid = false
                        return
                    }
                    quad = quad << 6 | UInt32(value)
                    index += 1
                }
                out += flush(quad: quad, count: count, into: output, at: out)
                written = out
            }
        }
        return valid ? bytes : nil
    }

    /// Whether `byte` is the whitespace a decoder skips.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        decodeTable[Int(byte)] == 64
    }

    /// The 24 bits of the four characters at `index`, or nil when one of them is not of the alphabet.
    @inline(__always)
    private static func group(
        at index: Int, of input: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>
    ) -> UInt32? {
        let a = table[Int(input[index])]
        let b = table[Int(input[index + 1])]
        let c = table[Int(input[index + 2])]
        let d = table[Int(input[index + 3])]
        guard (a | b | c | d) < 64 else { return nil }
        return UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
    }

    /// Writes the three bytes of a whole group at `position`.
    @inline(__always)
    private static func store(_ group: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at position: Int) {
        output[position] = UInt8(truncatingIfNeeded: group >> 16)
        output[position + 1] = UInt8(truncatingIfNeeded: group >> 8)
        output[position + 2] = UInt8(truncatingIfNeeded: group)
    }

    /// Writes the bytes of an unfinished group of `count` characters at `position`; returns how many.
    private static func flush(
        quad: UInt32, count: Int, into output: UnsafeMutableBufferPointer<UInt8>, at position: Int
    ) -> Int {
        switch count {
        case 2:
            output[position] = UInt8(truncatingIfNeeded: quad >> 4)
            return 1
        case 3:
            output[position] = UInt8(truncatingIfNeeded: quad >> 10)
            output[position + 1] = UInt8(truncatingIfNeeded: quad >> 2)
            return 2
        default:
            return 0
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
