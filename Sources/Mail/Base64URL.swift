/// base64url (RFC 4648 §5), the alphabet of Gmail's `raw` fields, JWTs and the service's own
/// tokens. Works on bytes, not `String` search-and-replace: a 2.7 MB message encodes in
/// milliseconds.
///
/// ```swift
/// Base64URL.encode([0xfb, 0xff])               // "-_8"
/// Base64URL.encode([0xfb, 0xff], padded: true) // "-_8="
/// Base64URL.decode("-_8")                      // [0xfb, 0xff]
/// ```
public enum Base64URL {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `bytes` in base64url; with `padded`, `=` fills the last group (as Gmail writes `raw`).
    public static func encode(_ bytes: some Collection<UInt8>, padded: Bool = false) -> String {
        let input = Array(bytes)
        let fullGroups = input.count / 3
        let tail = input.count - fullGroups * 3
        let length = fullGroups * 4 + (tail == 0 ? 0 : padded ? 4 : tail + 1)
        return String(unsafeUninitializedCapacity: length) { output in
            alphabet.withUnsafeBufferPointer { alphabet in
                input.withUnsafeBufferPointer { input in
                    var written = 0
                    func put(_ group: UInt32, _ count: Int) {
                        for shift in [18, 12, 6, 0].prefix(count) {
                            output[written] = alphabet[Int(group >> UInt32(shift) & 63)]
                            written += 1
                        }
                    }
                    var index = 0
                    while index < fullGroups * 3 {
                        put(UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2]), 4)
                        index += 3
                    }
                    if tail > 0 {
                        let second = tail == 2 ? UInt32(input[index + 1]) << 8 : 0
                        put(UInt32(input[index]) << 16 | second, tail + 1)
                        while padded && written < length {
                            output[written] = ASCII.equals
                            written += 1
                        }
                    }
                    return written
                }
            }
        }
    }

    /// The bytes of base64url text, padded or not; the standard alphabet's `+` and `/` are read
    /// too (Pub/Sub writes `message.data` in it); whitespace around the text and trailing `=` are
    /// ignored. Nil for any other character (also `=` inside the text) or a length no encoder writes.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var utf8 = Substring(text).utf8[...]
        while let last = utf8.last, Base64.isWhitespace(last) { utf8 = utf8.dropLast() }
        while let first = utf8.first, Base64.isWhitespace(first) { utf8 = utf8.dropFirst() }
        while utf8.last == ASCII.equals { utf8 = utf8.dropLast() }
        guard utf8.count % 4 != 1 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(utf8.count / 4 * 3 + 2)
        var quad: UInt32 = 0
        var count = 0
        for byte in utf8 {
            guard let value = Base64.value(of: byte) else { return nil }
            quad = quad << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: quad >> 16))
                output.append(UInt8(truncatingIfNeeded: quad >> 8))
                output.append(UInt8(truncatingIfNeeded: quad))
                quad = 0
                count = 0
            }
        }
        Base64.flush(&output, quad: quad, count: count)
        return output
    }

}
