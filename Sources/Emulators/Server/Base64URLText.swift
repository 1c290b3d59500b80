import Foundation

/// base64url (RFC 4648 §5) as Google writes it: padded in Gmail's `format=raw` bytes fields,
/// unpadded in JWTs; read padded or not, in either alphabet.
enum Base64URLText {
    static func encode(_ bytes: some Collection<UInt8>, padded: Bool) -> String {
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        return padded ? text : text.replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.hasSuffix("=") { standard.removeLast() }
        guard standard.count % 4 != 1 else { return nil }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map { Array($0) }
    }
}
