@testable import Mail

/// The byte-at-a-time Base64, base64url and line-break code the fast versions replaced, kept as
/// the reference their results must equal.
enum PreviousCodecs {
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        for byte in [ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf] { table[Int(byte)] = 64 }
        table[Int(ASCII.equals)] = 65
        table[Int(ASCII.hyphen)] = 62
        table[Int(ASCII.underscore)] = 63
        return table
    }()

    static func base64Decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], hadInvalidCharacters: Bool) {
        var output = [UInt8]()
        var invalid = false
        var quad: UInt32 = 0
        var count = 0
        for byte in input {
            let value = decodeTable[Int(byte)]
            if value < 64 {
                quad = quad << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    output += [UInt8(truncatingIfNeeded: quad >> 16), UInt8(truncatingIfNeeded: quad >> 8)]
                    output.append(UInt8(truncatingIfNeeded: quad))
                    quad = 0
                    count = 0
                }
            } else if value == 65 {
                flush(&output, quad: quad, count: count)
                quad = 0
                count = 0
            } else if value == 255 {
                invalid = true
            }
        }
        flush(&output, quad: quad, count: count)
        return (output, invalid)
    }

    private static func flush(_ output: inout [UInt8], quad: UInt32, count: Int) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: quad >> 4))
        case 3:
            output += [UInt8(truncatingIfNeeded: quad >> 10), UInt8(truncatingIfNeeded: quad >> 2)]
        default:
            break
        }
    }

    static func base64URLDecode(_ text: some StringProtocol) -> [UInt8]? {
        var bytes = Array(text.utf8)[...]
        while let last = bytes.last, decodeTable[Int(last)] == 64 { bytes.removeLast() }
        while let first = bytes.first, decodeTable[Int(first)] == 64 { bytes.removeFirst() }
        while bytes.last == ASCII.equals { bytes.removeLast() }
        guard bytes.count % 4 != 1, bytes.allSatisfy({ decodeTable[Int($0)] < 64 }) else { return nil }
        return base64Decode(bytes).bytes
    }

    static func base64URLEncode(_ bytes: [UInt8], padded: Bool) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output = [UInt8]()
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let group =
                UInt32(bytes[index]) << 16 | (remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
                | (remaining > 2 ? UInt32(bytes[index + 2]) : 0)
            for shift in [18, 12, 6, 0].prefix(min(remaining, 3) + 1) {
                output.append(alphabet[Int(group >> UInt32(shift) & 63)])
            }
            index += 3
        }
        while padded && output.count % 4 != 0 { output.append(ASCII.equals) }
        return String(decoding: output, as: UTF8.self)
    }

    static func normalizeLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(ASCII.cr) else { return text }
        var bytes = [UInt8]()
        var previousCR = false
        for byte in text.utf8 {
            if byte == ASCII.cr {
                bytes.append(ASCII.lf)
                previousCR = true
                continue
            }
            if !(byte == ASCII.lf && previousCR) { bytes.append(byte) }
            previousCR = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
