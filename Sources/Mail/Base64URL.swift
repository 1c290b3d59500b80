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

    /// The two characters of every 12-bit value, first in the low byte: whole groups take two
    /// lookups and two stores instead of four.
    private static let pairs: [UInt16] = (0..<4096).map { value in
        UInt16(alphabet[value >> 6]) | UInt16(alphabet[value & 63]) << 8
    }

    /// `bytes` in base64url; with `padded`, `=` fills the last group (as Gmail writes `raw`).
    public static func encode(_ bytes: some Collection<UInt8>, padded: Bool = false) -> String {
        withContiguous(bytes) { input in
            String(unsafeUninitializedCapacity: encodedCount(input.count, padded: padded)) { output in
                write(input, padded: padded, into: output)
            }
        }
    }

    /// `encode(_:padded:)` as ASCII bytes appended to `output`, for writers that put a large
    /// encoding inside other bytes (a JSON body) without building a `String` first.
    public static func encode(
        _ bytes: some Collection<UInt8>, padded: Bool = false, appendingTo output: inout [UInt8]
    ) {
        withContiguous(bytes) { input in
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: encodedCount(input.count, padded: padded)))
            output.withUnsafeMutableBufferPointer { buffer in
                _ = write(input, padded: padded, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
            }
        }
    }

    /// The bytes of base64url text, padded or not; the standard alphabet's `+` and `/` are read
    /// too (Pub/Sub writes `message.data` in it); whitespace around the text and trailing `=` are
    /// ignored. Nil for any other character (also `=` inside the text) or a length no encoder writes.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        if let bytes = text.utf8.withContiguousStorageIfAvailable(decode) { return bytes }
        return Array(text.utf8).withUnsafeBufferPointer(decode)
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var start = 0
        var end = text.count
        while end > start, Base64.isWhitespace(text[end - 1]) { end -= 1 }
        while start < end, Base64.isWhitespace(text[start]) { start += 1 }
        while end > start, text[end - 1] == ASCII.equals { end -= 1 }
        return Base64.decodeAlphabetOnly(UnsafeBufferPointer(rebasing: text[start..<end]))
    }

    /// `body` on the bytes in place when the collection is contiguous, else on a copy.
    private static func withContiguous<Result>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    /// The length of the encoding of `count` bytes.
    private static func encodedCount(_ count: Int, padded: Bool) -> Int {
        let tail = count % 3
        return count / 3 * 4 + (tail == 0 ? 0 : padded ? 4 : tail + 1)
    }

    /// Writes the encoding of `input` at the start of `output` (`encodedCount` long); returns its length.
    private static func write(
        _ input: UnsafeBufferPointer<UInt8>, padded: Bool, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        guard let target = UnsafeMutableRawPointer(output.baseAddress), !input.isEmpty else { return 0 }
        var index = 0
        var written = 0
        pairs.withUnsafeBufferPointer { pairs in
            for _ in 0..<input.count / 3 {
                let group = Int(input[index]) << 16 | Int(input[index + 1]) << 8 | Int(input[index + 2])
                target.storeBytes(of: pairs[group >> 12].littleEndian, toByteOffset: written, as: UInt16.self)
                target.storeBytes(of: pairs[group & 4095].littleEndian, toByteOffset: written + 2, as: UInt16.self)
                index += 3
                written += 4
            }
        }
        let tail = input.count - index
        guard tail > 0 else { return written }
        let group = Int(input[index]) << 16 | (tail == 2 ? Int(input[index + 1]) << 8 : 0)
        output[written] = alphabet[group >> 18 & 63]
        output[written + 1] = alphabet[group >> 12 & 63]
        written += 2
        if tail == 2 {
            output[written] = alphabet[group >> 6 & 63]
            written += 1
        }
        while padded && written % 4 != 0 {
            output[written] = ASCII.equals
            written += 1
        }
        return written
    }
}
