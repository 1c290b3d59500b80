import Foundation

/// Reads a batch request body: multipart parts, and the HTTP request inside each.
enum BatchMultipart {
    struct Part {
        var headers: [String: String]
        var body: [UInt8]
    }

    static func boundary(of contentType: String) -> String? {
        contentType.split(separator: ";").dropFirst().lazy.compactMap { parameter -> String? in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { return nil }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }.first
    }

    /// The parts between the delimiter lines `--boundary`.
    static func parts(of body: [UInt8], boundary: String) -> [Part] {
        let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var parts = [Part]()
        for chunk in text.components(separatedBy: "--\(boundary)").dropFirst() {
            if chunk.hasPrefix("--") { break }
            let content = chunk.hasPrefix("\n") ? String(chunk.dropFirst()) : chunk
            let (lines, rest) = splitHead(content)
            var headers = [String: String]()
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
            parts.append(Part(headers: headers, body: Array(rest.utf8)))
        }
        return parts
    }

    /// The inner request: request line, headers, blank line, body; outer headers apply unless
    /// the inner request sets them (Content-* excepted).
    static func httpRequest(_ bytes: [UInt8], inheriting outer: [String: String]) -> EmulatorRequest? {
        let (lines, rest) = splitHead(String(decoding: bytes, as: UTF8.self))
        guard let requestLine = lines.first?.split(separator: " "), requestLine.count >= 2 else { return nil }
        var headers = outer.filter { !$0.key.hasPrefix("content-") }
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let body = rest.hasSuffix("\n") ? String(rest.dropLast()) : rest
        return EmulatorRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Array(body.utf8))
    }

    private static func splitHead(_ text: String) -> (lines: [String], rest: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let range = normalized.range(of: "\n\n") else {
            return (normalized.split(separator: "\n").map(String.init), "")
        }
        return (
            normalized[..<range.lowerBound].split(separator: "\n").map(String.init),
            String(normalized[range.upperBound...])
        )
    }
}
