import Foundation

/// Splits a MIME multipart body (RFC 2046) into parts: header fields and body bytes. Tolerates
/// LF line ends and a missing close delimiter.
enum MultipartBody {
    /// One part.
    struct Part: Sendable {
        /// Header fields, names lowercased.
        var headers: [String: String]
        var body: ArraySlice<UInt8>
    }

    /// The `boundary` parameter of a multipart Content-Type.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        }
        return nil
    }

    /// The parts between `--boundary` delimiter lines.
    static func parts(of body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        var starts = [Int]()
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            let atLineStart = found == 0 || body[found - 1] == UInt8(ascii: "\n")
            if atLineStart { starts.append(found) }
            index = found + delimiter.count
        }
        var parts = [Part]()
        for (position, start) in starts.enumerated() {
            var contentStart = start + delimiter.count
            if body[contentStart...].starts(with: Array("--".utf8)) { break }
            while contentStart < body.count, body[contentStart] != UInt8(ascii: "\n") { contentStart += 1 }
            contentStart += 1
            var end = position + 1 < starts.count ? starts[position + 1] : body.count
            if end > contentStart, body[end - 1] == UInt8(ascii: "\n") { end -= 1 }
            if end > contentStart, body[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard contentStart <= end, let head = splitHead(body[contentStart..<end]) else { continue }
            var headers = [String: String]()
            for line in head.lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            parts.append(Part(headers: headers, body: head.body))
        }
        return parts
    }

    /// Header lines up to the first empty line, and the bytes after it.
    static func splitHead(_ bytes: ArraySlice<UInt8>) -> (lines: [String], body: ArraySlice<UInt8>)? {
        var lines = [String]()
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var lineEnd = index
                if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd == lineStart { return (lines, bytes[(index + 1)...]) }
                lines.append(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
                lineStart = index + 1
            }
            index += 1
        }
        return lines.isEmpty ? nil : (lines, bytes[bytes.endIndex...])
    }

    /// The first place at or after `start` where `needle` occurs. Sixteen candidate places at a
    /// time are filtered by comparing the needle's first and last bytes (SIMD); only places where
    /// both match are compared in full.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, let last = needle.last, needle.count <= haystack.count,
            start <= haystack.count - needle.count
        else { return nil }
        return haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                let base = UnsafeRawPointer(haystack.baseAddress!)
                let lastStart = haystack.count - needle.count
                func matches(at index: Int) -> Bool { memcmp(base + index, needle.baseAddress!, needle.count) == 0 }
                let firsts = SIMD16<UInt8>(repeating: first)
                let lasts = SIMD16<UInt8>(repeating: last)
                var index = start
                while lastStart - index >= 15 {
                    let heads = base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                    let tails = base.loadUnaligned(fromByteOffset: index + needle.count - 1, as: SIMD16<UInt8>.self)
                    let candidates = (heads .== firsts) .& (tails .== lasts)
                    if any(candidates) {
                        for lane in 0..<16 where candidates[lane] && matches(at: index + lane) { return index + lane }
                    }
                    index += 16
                }
                while index <= lastStart {
                    if haystack[index] == first, matches(at: index) { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
