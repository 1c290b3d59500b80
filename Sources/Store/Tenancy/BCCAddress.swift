/// Sync BCC addresses: `sync.<10 random base32 characters>@<domain>`, 50 random bits, so one
/// cannot be guessed from another.
public enum BCCAddress {
    /// The domain when `MAILSYNC_BCC_DOMAIN` is unset.
    public static let defaultDomain = "bcc.mailsync.localhost"

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// A new random address at `domain` (lower case).
    public static func random(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = String((0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
        return "sync.\(token)@\(domain.lowercased())"
    }
}
