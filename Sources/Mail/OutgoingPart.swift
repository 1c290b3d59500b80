import Foundation

/// A node of an outgoing message's MIME tree, rendered with its own header lines.
indirect enum OutgoingPart {
    case leaf(headers: String, body: [UInt8])
    case multipart(String, [OutgoingPart], extraParameters: [String] = [])

    /// A UTF-8 text part: 7bit when plain ASCII with short lines, quoted-printable otherwise.
    static func text(_ text: String, subtype: String) -> OutgoingPart {
        let bytes = Array(text.utf8)
        let ascii = bytes.allSatisfy { $0 < 0x80 && $0 != ASCII.cr && ($0 >= 0x20 || $0 == ASCII.lf || $0 == ASCII.tab) }
        let shortLines = bytes.split(separator: ASCII.lf, omittingEmptySubsequences: false).allSatisfy { $0.count <= 900 }
        let headers = "Content-Type: text/\(subtype); charset=utf-8\r\n"
        if ascii && shortLines {
            var body = [UInt8]()
            body.reserveCapacity(bytes.count + bytes.count / 40)
            for byte in bytes {
                if byte == ASCII.lf { body.append(ASCII.cr) }
                body.append(byte)
            }
            return .leaf(headers: headers + "Content-Transfer-Encoding: 7bit\r\n", body: body)
        }
        return .leaf(headers: headers + "Content-Transfer-Encoding: quoted-printable\r\n", body: QuotedPrintable.encode(text))
    }

    /// A base64 attachment (or inline image) with RFC 2231 names.
    static func attachment(_ attachment: OutgoingAttachment, field: String) throws(MailBuildError) -> OutgoingPart {
        let type = attachment.contentType.lowercased()
        let pieces = type.split(separator: "/")
        let token: (Substring) -> Bool = { piece in
            !piece.isEmpty && piece.utf8.allSatisfy { $0 > ASCII.space && $0 < 0x7F && !Array("()<>@,;:\\\"/[]?=".utf8).contains($0) }
        }
        guard pieces.count == 2, token(pieces[0]), token(pieces[1]) else {
            throw MailBuildError(.invalidContentType, field: field)
        }
        if type.utf8.count > 200 { throw MailBuildError(.valueTooLong, field: field) }
        if attachment.filename.utf8.contains(where: { $0 == ASCII.cr || $0 == ASCII.lf }) {
            throw MailBuildError(.lineBreakInHeader, field: field)
        }
        let name = attachment.filename.isEmpty ? "attachment" : attachment.filename
        var headers = HeaderEncoder.field(
            "Content-Type", ([type] + HeaderEncoder.parameter("name", name)).joined(separator: "; "))
        let disposition = attachment.contentID == nil ? "attachment" : "inline"
        headers += HeaderEncoder.field(
            "Content-Disposition", ([disposition] + HeaderEncoder.parameter("filename", name)).joined(separator: "; "))
        headers += "Content-Transfer-Encoding: base64\r\n"
        if let id = attachment.contentID {
            guard id.utf8.allSatisfy({ $0 > ASCII.space && $0 < 0x7F && $0 != ASCII.lessThan && $0 != ASCII.greaterThan }),
                !id.isEmpty
            else { throw MailBuildError(.invalidMessageID, field: field) }
            headers += "Content-ID: <\(id)>\r\n"
        }
        return .leaf(headers: headers, body: Base64.encode(attachment.data))
    }

    /// The part's header lines, a blank line and its body.
    func render() -> [UInt8] {
        switch self {
        case let .leaf(headers, body):
            return Array((headers + "\r\n").utf8) + body
        case let .multipart(subtype, children, extraParameters):
            let rendered = children.map { $0.render() }
            var boundary = Self.newBoundary()
            while rendered.contains(where: { Self.contains($0, Array(boundary.utf8)) }) { boundary = Self.newBoundary() }
            let parameters = ["multipart/\(subtype)", "boundary=\"\(boundary)\""] + extraParameters
            var bytes = Array(HeaderEncoder.field("Content-Type", parameters.joined(separator: "; ")).utf8)
            bytes += Array("\r\n".utf8)
            for child in rendered {
                bytes += Array("--\(boundary)\r\n".utf8)
                bytes += child
                // This line break belongs to the next delimiter (RFC 2046 5.1.1), not to the part.
                bytes += [ASCII.cr, ASCII.lf]
            }
            bytes += Array("--\(boundary)--\r\n".utf8)
            return bytes
        }
    }

    /// `=_` never occurs in base64 or quoted-printable text, so such boundaries rarely need a retry.
    private static func newBoundary() -> String {
        "=_mailsync_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        while let found = ByteSearch.firstIndex(of: first, in: haystack[...], from: index) {
            if found + needle.count > haystack.count { return false }
            if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
            index = found + 1
        }
        return false
    }
}
