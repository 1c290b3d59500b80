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
        var bytes = Array(text.utf8)[...]
        while let last = bytes.last, Base64.isWhitespace(last) { bytes.removeLast() }
        while let first = bytes.first, Base64.isWhitespace(first) { bytes.removeFirst() }
        while bytes.last == ASCII.equals { bytes.removeLast() }
        guard bytes.count % 4 != 1, Base64.isAlphabetOnly(bytes) else { return nil }
        return Base64.decode(bytes).bytes
    }
}
