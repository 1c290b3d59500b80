import Foundation
import Mail

/// Adds files to a MIME message the way Exchange does when a draft with added attachments is
/// sent: as base64 parts of the top-level `multipart/mixed`, wrapping the message in one when it
/// is not one.
enum OutlookMIME {
    static func appending(_ attachments: [OutlookAttachment], to raw: [UInt8]) -> [UInt8] {
        guard !attachments.isEmpty else { return raw }
        let root = MessageParser().parse(raw).root
        let crlf = Array("\r\n".utf8)
        if root.contentType.mimeType == "multipart/mixed", let boundary = root.contentType.parameters["boundary"],
            let close = lastRange(of: Array("--\(boundary)--".utf8), in: raw)
        {
            var result = Array(raw[..<close.lowerBound])
            for attachment in attachments {
                result += Array("--\(boundary)\r\n".utf8) + part(attachment) + crlf
            }
            return result + raw[close.lowerBound...]
        }
        let boundary = "=_emulator_\(OutlookIDs.random(24))"
        let split = headerEnd(raw)
        let header = MessageParser().parse(raw).header
        let contentFields: Set = ["content-type", "content-transfer-encoding", "mime-version", "content-disposition"]
        var result = [UInt8]()
        for field in header.fields where !contentFields.contains(field.name.lowercased()) {
            result += Array("\(field.name): ".utf8) + field.rawValue + crlf
        }
        result += Array("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n".utf8)
        result += Array("--\(boundary)\r\n".utf8)
        for field in header.fields
        where ["content-type", "content-transfer-encoding"].contains(field.name.lowercased()) {
            result += Array("\(field.name): ".utf8) + field.rawValue + crlf
        }
        result += crlf + Array(raw[split...]) + crlf
        for attachment in attachments {
            result += Array("--\(boundary)\r\n".utf8) + part(attachment) + crlf
        }
        return result + Array("--\(boundary)--\r\n".utf8)
    }

    /// `raw` without the header fields called `name` (and their folded lines), as a recipient's
    /// copy loses its Bcc.
    static func removingHeader(_ name: String, from raw: [UInt8]) -> [UInt8] {
        let end = headerEnd(raw)
        let prefix = Array("\(name.lowercased()):".utf8)
        var result = [UInt8]()
        var skipping = false
        var lineStart = 0
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, raw[lineEnd] != 0x0A { lineEnd += 1 }
            let line = raw[lineStart..<min(lineEnd + 1, end)]
            let folded = line.first == 0x20 || line.first == 0x09
            if !folded {
                skipping =
                    line.count >= prefix.count
                    && line.prefix(prefix.count).map { $0 | 0x20 }.elementsEqual(prefix.map { $0 | 0x20 })
            }
            if !skipping { result += line }
            lineStart = lineEnd + 1
        }
        return result + raw[end...]
    }

    private static func part(_ attachment: OutlookAttachment) -> [UInt8] {
        let name = attachment.name.replacingOccurrences(of: "\"", with: "")
        var head = "Content-Type: \(attachment.contentType); name=\"\(name)\"\r\n"
        head += "Content-Disposition: \(attachment.isInline ? "inline" : "attachment"); filename=\"\(name)\"\r\n"
        if let contentID = attachment.contentID { head += "Content-ID: <\(contentID)>\r\n" }
        head += "Content-Transfer-Encoding: base64\r\n\r\n"
        let encoded = Data(attachment.bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return Array(head.utf8) + Array(encoded.utf8) + Array("\r\n".utf8)
    }

    /// Where the body starts (after the first empty line).
    private static func headerEnd(_ raw: [UInt8]) -> Int {
        var index = 0
        while index < raw.count {
            if raw[index] == 0x0A {
                if index + 1 < raw.count, raw[index + 1] == 0x0A { return index + 2 }
                if index + 2 < raw.count, raw[index + 1] == 0x0D, raw[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return raw.count
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
            start -= 1
        }
        return nil
    }
}
