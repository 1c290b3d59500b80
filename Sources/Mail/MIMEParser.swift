/// Builds the MIME tree of a message: headers, multipart splitting on exact boundaries, transfer
/// decoding and charset conversion, within `ParseLimits`.
struct MIMEParser {
    let limits: ParseLimits
    private(set) var warnings = [ParseWarning]()
    private var partCount = 0

    init(limits: ParseLimits) {
        self.limits = limits
    }

    /// Parses one entity (a message or a part) and, for multiparts, its children.
    mutating func parseEntity(
        _ bytes: ArraySlice<UInt8>, path: String, depth: Int, defaultType: ContentType
    ) -> MIMEPart {
        partCount += 1
        let (header, bodyStart) = HeaderBlockParser(limits: limits).parse(bytes, path: path, warnings: &warnings)
        let body = bytes[bodyStart...]
        let contentType: ContentType
        if let field = header["content-type"] {
            contentType = ContentType(headerValue: field.rawValue[...]) ?? .defaultText
        } else {
            contentType = defaultType
        }
        let disposition = header["content-disposition"].map { ContentDisposition(headerValue: $0.rawValue[...]) }
        let encoding = header["content-transfer-encoding"].map {
            ASCII.lowercasedString(ASCII.trimmed($0.rawValue[...]))
        } ?? "7bit"

        if contentType.isMultipart {
            if depth >= limits.maxDepth {
                warnings.append(ParseWarning(.nestingTooDeep, "\(path): multipart nested too deep, kept undecoded"))
            } else if let boundary = contentType.parameters["boundary"]?.trimmingWhitespace(), !boundary.isEmpty {
                let childDefault = contentType.subtype == "digest" ? ContentType.digestDefault : .defaultText
                var children = [MIMEPart]()
                for (number, range) in splitParts(body, boundary: Array(boundary.utf8), path: path).enumerated() {
                    guard partCount < limits.maxParts else {
                        warnings.append(ParseWarning(.partLimitReached, "\(path): parts beyond the limit dropped"))
                        break
                    }
                    children.append(
                        parseEntity(range, path: "\(path).\(number + 1)", depth: depth + 1, defaultType: childDefault))
                }
                if !children.isEmpty {
                    return MIMEPart(
                        path: path, header: header, contentType: contentType, disposition: disposition,
                        transferEncoding: encoding, children: children, body: [], text: nil)
                }
            } else {
                warnings.append(ParseWarning(.missingBoundary, "\(path): multipart without boundary"))
            }
        }
        let decoded = decode(body, encoding: encoding, path: path)
        var text: String?
        if contentType.type == "text" {
            let charset: Charset
            if let name = contentType.charset, !name.isEmpty {
                if let known = Charset.named(name) {
                    charset = known
                } else {
                    warnings.append(ParseWarning(.unknownCharset, "\(path): charset \"\(name.prefix(40))\""))
                    charset = .utf8
                }
            } else {
                charset = .utf8
            }
            text = Self.normalizeLineBreaks(charset.decode(decoded))
        }
        return MIMEPart(
            path: path, header: header, contentType: contentType, disposition: disposition,
            transferEncoding: encoding, children: [], body: decoded, text: text)
    }

    private mutating func decode(_ body: ArraySlice<UInt8>, encoding: String, path: String) -> [UInt8] {
        switch encoding {
        case "base64":
            let (bytes, invalid) = Base64.decode(body)
            if invalid { warnings.append(ParseWarning(.invalidBase64, "\(path): characters outside base64 skipped")) }
            return bytes
        case "quoted-printable":
            let (bytes, invalid) = QuotedPrintable.decode(body)
            if invalid {
                warnings.append(ParseWarning(.invalidQuotedPrintable, "\(path): invalid escapes kept literally"))
            }
            return bytes
        case "7bit", "8bit", "binary", "":
            return Array(body)
        default:
            warnings.append(
                ParseWarning(.unknownTransferEncoding, "\(path): transfer encoding \"\(encoding.prefix(40))\""))
            return Array(body)
        }
    }

    /// The bodies between the delimiter lines of `boundary` (RFC 2046 5.1.1): a line starting
    /// with `--boundary`, then optionally `--`, then only spaces or tabs. The line break before a
    /// delimiter belongs to it. Preamble and epilogue are dropped.
    private mutating func splitParts(
        _ body: ArraySlice<UInt8>, boundary: [UInt8], path: String
    ) -> [ArraySlice<UInt8>] {
        var parts = [ArraySlice<UInt8>]()
        var partStart: Int?
        var lineStart = body.startIndex
        let end = body.endIndex
        let delimiterLength = boundary.count + 2
        while lineStart < end {
            let lineEnd = ByteSearch.nextLine(body, from: lineStart)
            guard lineEnd - lineStart >= delimiterLength, body[lineStart] == ASCII.hyphen,
                body[lineStart + 1] == ASCII.hyphen,
                body[(lineStart + 2)..<(lineStart + delimiterLength)].elementsEqual(boundary)
            else {
                lineStart = lineEnd
                continue
            }
            var cursor = lineStart + delimiterLength
            var closing = false
            if cursor + 1 < lineEnd, body[cursor] == ASCII.hyphen, body[cursor + 1] == ASCII.hyphen {
                closing = true
                cursor += 2
            }
            while cursor < lineEnd, body[cursor] == ASCII.space || body[cursor] == ASCII.tab { cursor += 1 }
            if cursor < lineEnd, body[cursor] == ASCII.cr { cursor += 1 }
            if cursor < lineEnd, body[cursor] == ASCII.lf { cursor += 1 }
            guard cursor == lineEnd else {
                lineStart = lineEnd
                continue
            }
            if let start = partStart {
                var partEnd = lineStart
                if partEnd > start, body[partEnd - 1] == ASCII.lf { partEnd -= 1 }
                if partEnd > start, body[partEnd - 1] == ASCII.cr { partEnd -= 1 }
                parts.append(body[start..<partEnd])
            }
            if closing { return parts }
            partStart = lineEnd
            lineStart = lineEnd
        }
        if let start = partStart {
            warnings.append(ParseWarning(.missingClosingBoundary, "\(path): multipart ended without closing boundary"))
            parts.append(body[start..<end])
        }
        return parts
    }

    /// Text with CRLF (and lone CR) line breaks turned into LF.
    static func normalizeLineBreaks(_ text: String) -> String {
        var contiguous = text
        let normalized: [UInt8]? = contiguous.withUTF8 { input in
            guard input.contains(ASCII.cr) else { return nil }
            // Runs between CRs are copied whole; each CR becomes LF and swallows one LF after it.
            return [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                var out = 0
                var index = 0
                while index < input.count {
                    let runEnd = input[index...].firstIndex(of: ASCII.cr) ?? input.count
                    (target + out).initialize(from: source + index, count: runEnd - index)
                    out += runEnd - index
                    index = runEnd
                    guard index < input.count else { break }
                    output[out] = ASCII.lf
                    out += 1
                    index += 1
                    if index < input.count, input[index] == ASCII.lf { index += 1 }
                }
                written = out
            }
        }
        return normalized.map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
