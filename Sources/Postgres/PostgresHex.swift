/// Decodes bytea's hex output format (`\x48656c6c6f`).
enum PostgresHex {
    static func decodeBytea(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text.count % 2 == 0, text.first == UInt8(ascii: "\\"),
            text[text.startIndex + 1] == UInt8(ascii: "x")
        else { return nil }
        var result = [UInt8]()
        result.reserveCapacity((text.count - 2) / 2)
        var index = text.startIndex + 2
        while index < text.endIndex {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
