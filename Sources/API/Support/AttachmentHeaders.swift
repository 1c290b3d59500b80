import Foundation

/// The headers of an attachment download: a `Content-Type` that is a plain `type/subtype` (else
/// `application/octet-stream`), and a `Content-Disposition: attachment` whose file name is an
/// ASCII fallback plus the exact name as RFC 8187 `filename*` (UTF-8, percent-encoded), so no
/// stored name can break or inject a header.
enum AttachmentHeaders {
    /// The stored MIME type when it is a bare, well-formed `type/subtype`.
    static func contentType(_ mimeType: String) -> String {
        let parts = mimeType.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isToken) }) else {
            return "application/octet-stream"
        }
        return mimeType.lowercased()
    }

    /// `attachment; filename="..."; filename*=UTF-8''...`, or `attachment` without a name.
    static func contentDisposition(filename: String?) -> String {
        guard let filename, !filename.isEmpty else { return "attachment" }
        let fallback = String(
            decoding: filename.utf8.map {
                (isToken($0) && $0 != UInt8(ascii: "%")) || $0 == UInt8(ascii: " ") ? $0 : UInt8(ascii: "_")
            },
            as: UTF8.self)
        let encoded = filename.utf8.map { byte in
            isAttributeChar(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }

    /// RFC 9110 `tchar`.
    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 8187 `attr-char`.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$&+-.^_`|~".utf8.contains(byte)
        }
    }
}
