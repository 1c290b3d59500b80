/// The 64-bit FNV-1a hash: small, stable across runs and platforms (unlike `Hasher`), and
/// available without a crypto package. Used for identity keys, not for security.
struct FNV1a64 {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private(set) var value = offsetBasis

    /// Mixes in the UTF-8 bytes of `text`.
    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* Self.prime
        }
    }

    /// The value as 16 lower-case hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
