/// Builds Graph URLs: a root, path segments (percent-encoded) and OData query options whose values
/// are percent-encoded, as `$filter=internetMessageId%20eq%20'...'` must be.
enum GraphURL {
    /// `root` + `/segment/...` + `?name=value&...`; names are written as given (`$select`).
    static func make(_ root: String, _ segments: [String], query: [(String, String)] = []) -> String {
        var url = root
        for segment in segments {
            url += "/" + encode(segment, allowing: pathAllowed)
        }
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(encode($0.1, allowing: queryAllowed))" }.joined(separator: "&")
        }
        return url
    }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded, as form fields
    /// (`application/x-www-form-urlencoded`) and query values need.
    static func encodeComponent(_ text: String) -> String {
        encode(text, allowing: unreserved)
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    private static let pathAllowed = unreserved.union("=$()',:".utf8)
    private static let queryAllowed = unreserved.union(",()$:".utf8)

    private static func encode(_ text: String, allowing allowed: Set<UInt8>) -> String {
        var result = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
