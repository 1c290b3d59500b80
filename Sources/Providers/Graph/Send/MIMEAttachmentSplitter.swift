import Foundation
import Mail

/// Takes top-level attachments out of a `multipart/mixed` message until the rest fits one Graph
/// request, so a large message can be sent as a MIME draft plus attachments added one by one
/// (https://learn.microsoft.com/graph/outlook-large-attachments). Everything kept stays byte for
/// byte as the caller built it (headers, Message-ID, threading headers, bodies).
struct MIMEAttachmentSplitter {
    /// An attachment taken out of the message.
    struct File: Sendable, Hashable {
        var name: String
        var contentType: String
        var contentID: String?
        var isInline: Bool
        var bytes: [UInt8]
    }

    /// The message without the taken attachments, and the attachments.
    struct Split: Sendable, Hashable {
        var mime: [UInt8]
        var files: [File]
    }

    /// Splits `raw` so that its base64 form is at most `limit` bytes, taking the largest
    /// attachments first; throws `permanent` (`messageTooLarge`) when no split fits.
    static func split(_ raw: [UInt8], base64Limit limit: Int) throws -> Split {
        let parsed = MessageParser().parse(raw)
        guard parsed.root.contentType.mimeType == "multipart/mixed",
            let boundary = parsed.root.contentType.parameters["boundary"],
            let layout = Layout(raw, boundary: boundary)
        else { throw tooLarge }
        var kept = Array(layout.parts.indices)
        var files = [File]()
        let candidates = layout.parts.indices.compactMap { index -> (Int, File)? in
            let part = MessageParser().parse(Array(raw[layout.parts[index]])).root
            guard !part.isMultipart, part.isAttachment || part.filename != nil else { return nil }
            let file = File(
                name: part.filename ?? "attachment", contentType: part.contentType.mimeType, contentID: part.contentID,
                isInline: part.disposition?.kind == "inline", bytes: part.body)
            return (index, file)
        }.sorted { $0.1.bytes.count > $1.1.bytes.count }
        var mime = raw
        for (index, file) in candidates where base64Length(mime.count) > limit {
            kept.removeAll { $0 == index }
            files.append(file)
            mime = layout.assemble(raw, keeping: kept)
        }
        guard base64Length(mime.count) <= limit else { throw tooLarge }
        return Split(mime: mime, files: files)
    }

    /// The length of `count` bytes in base64 without line breaks.
    static func base64Length(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    private static let tooLarge = ProviderError(.permanent, providerCode: "messageTooLarge")

    /// Where the top-level parts of a multipart body lie in the raw bytes (RFC 2046 5.1.1: a
    /// delimiter is `--boundary` at the start of a line; the line break before it belongs to it).
    private struct Layout {
        /// Everything before the first delimiter line (header, blank line, preamble).
        var prefix: Range<Int>
        /// Each part's bytes, header and body, without the delimiter's line break.
        var parts: [Range<Int>]
        var lineBreak: [UInt8]
        var boundary: [UInt8]

        init?(_ raw: [UInt8], boundary: String) {
            self.boundary = Array(boundary.utf8)
            let delimiter = Array("--\(boundary)".utf8)
            var delimiters = [(lineStart: Int, contentStart: Int, isClose: Bool)]()
            var lineStart = 0
            while lineStart < raw.count {
                var lineEnd = lineStart
                while lineEnd < raw.count, raw[lineEnd] != 0x0A { lineEnd += 1 }
                let next = min(lineEnd + 1, raw.count)
                if raw[lineStart...].starts(with: delimiter) {
                    let rest = raw[(lineStart + delimiter.count)..<lineEnd].filter {
                        $0 != 0x0D && $0 != 0x20 && $0 != 0x09
                    }
                    if rest.isEmpty || rest == [0x2D, 0x2D] {
                        delimiters.append((lineStart, next, rest == [0x2D, 0x2D]))
                        if rest == [0x2D, 0x2D] { break }
                    }
                }
                lineStart = next
            }
            guard let first = delimiters.first, delimiters.last?.isClose == true, delimiters.count >= 2 else {
                return nil
            }
            lineBreak = first.lineStart >= 2 && raw[first.lineStart - 2] == 0x0D ? [0x0D, 0x0A] : [0x0A]
            prefix = 0..<first.lineStart
            parts = zip(delimiters, delimiters.dropFirst()).map { open, close in
                var end = close.lineStart
                if end > open.contentStart, raw[end - 1] == 0x0A { end -= 1 }
                if end > open.contentStart, raw[end - 1] == 0x0D { end -= 1 }
                return open.contentStart..<max(open.contentStart, end)
            }
        }

        /// The message with only the parts at `kept`, closed by the final delimiter.
        func assemble(_ raw: [UInt8], keeping kept: [Int]) -> [UInt8] {
            var result = Array(raw[prefix])
            for index in kept {
                result += Array("--".utf8) + boundary + lineBreak
                result += raw[parts[index]]
                result += lineBreak
            }
            result += Array("--".utf8) + boundary + Array("--".utf8) + lineBreak
            return result
        }
    }
}
