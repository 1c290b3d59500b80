import Foundation

/// base64url (RFC 4648 §5) as Google uses it: written without padding, read with or without it
/// (and, leniently, in the standard alphabet too, as Pub/Sub writes `message.data`).
public enum Base64URL {
    /// `bytes` in base64url without `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url or base64 text, padded or not; nil when it is not base64.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard = standard.trimmingCharacters(in: .whitespacesAndNewlines)
        while standard.hasSuffix("=") { standard.removeLast() }
        let remainder = standard.count % 4
        guard remainder != 1 else { return nil }
        if remainder > 0 { standard += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: standard).map { Array($0) }
    }
}
