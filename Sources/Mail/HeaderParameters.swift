/// The `value; name=value; ...` syntax of Content-Type and Content-Disposition (RFC 2045, with
/// RFC 2231 charsets and continuations, and RFC 2047 encoded words inside quoted values as sent
/// by many clients).
struct HeaderParameters {
    /// The leading value (e.g. `text/plain`), trimmed, comments removed.
    let value: ArraySlice<UInt8>
    /// Parameters by lower-cased name, continuations joined and decoded.
    let parameters: [String: String]

    /// The most sections one RFC 2231 parameter may have.
    private static let maxSections = 1_000

    private struct Section {
        var number: Int
        var extended: Bool
        var bytes: [UInt8]
    }

    /// Parses a header value.
    init(_ bytes: ArraySlice<UInt8>) {
        var pieces = Self.split(bytes)
        value = pieces.isEmpty ? bytes[bytes.startIndex..<bytes.startIndex] : pieces.removeFirst()
        var plain = [String: String]()
        var sections = [String: [Section]]()
        for piece in pieces {
            guard let equals = piece.firstIndex(of: ASCII.equals) else { continue }
            let rawName = ASCII.trimmed(piece[piece.startIndex..<equals])
            guard !rawName.isEmpty else { continue }
            let rawValue = Self.unquote(ASCII.trimmed(piece[(equals + 1)...]))
            let name = ASCII.lowercasedString(rawName)
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = EncodedWords.decode(rawValue[...]) }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            if rest.isEmpty {
                sections[base, default: []].append(Section(number: 0, extended: true, bytes: rawValue))
                continue
            }
            let extended = rest.hasSuffix("*")
            let digits = extended ? rest.dropLast() : rest[...]
            guard digits.count <= 4, let number = Int(digits), sections[base, default: []].count < Self.maxSections
            else { continue }
            sections[base, default: []].append(Section(number: number, extended: extended, bytes: rawValue))
        }
        for (name, parts) in sections {
            plain[name] = Self.combine(parts)
        }
        parameters = plain
    }

    /// The joined, decoded text of the RFC 2231 sections of one parameter.
    private static func combine(_ sections: [Section]) -> String {
        let ordered = sections.sorted { $0.number < $1.number }
        var charset: Charset?
        var bytes = [UInt8]()
        var anyExtended = false
        for (position, section) in ordered.enumerated() {
            guard section.extended else {
                bytes += section.bytes
                continue
            }
            anyExtended = true
            var data = section.bytes[...]
            if position == 0 {
                let quotes = data.indices.filter { data[$0] == ASCII.apostrophe }.prefix(2)
                if quotes.count == 2, let first = quotes.first, let second = quotes.last {
                    let name = String(decoding: data[data.startIndex..<first], as: UTF8.self)
                    charset = name.isEmpty ? nil : Charset.named(name)
                    data = data[(second + 1)...]
                }
            }
            bytes += percentDecode(data)
        }
        guard anyExtended else { return EncodedWords.decode(bytes[...]) }
        return (charset ?? .utf8).decode(bytes)
    }

    private static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == ASCII.percent, index + 2 < bytes.endIndex,
                let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// The pieces between semicolons outside quoted strings, the first trimmed of comments.
    private static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var pieces = [ArraySlice<UInt8>]()
        var start = bytes.startIndex
        var inQuotes = false
        var commentDepth = 0
        var index = bytes.startIndex
        var first = [UInt8]()
        var firstDone = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes {
                if byte == ASCII.backslash {
                    index += 1
                } else if byte == ASCII.quote {
                    inQuotes = false
                }
            } else if commentDepth > 0 && !firstDone {
                if byte == ASCII.backslash {
                    index += 1
                } else if byte == ASCII.openParen {
                    commentDepth += 1
                } else if byte == ASCII.closeParen {
                    commentDepth -= 1
                }
            } else if byte == ASCII.quote {
                inQuotes = true
            } else if byte == ASCII.openParen && !firstDone {
                commentDepth = 1
            } else if byte == ASCII.semicolon {
                if firstDone { pieces.append(bytes[start..<index]) } else { firstDone = true }
                start = index + 1
            } else if !firstDone {
                first.append(byte)
            }
            index += 1
        }
        if firstDone {
            pieces.append(bytes[start..<min(index, bytes.endIndex)])
        }
        let leading = ASCII.trimmed(first[...])
        return [Array(leading)[...]] + pieces.filter { !ASCII.trimmed($0).isEmpty }
    }

    /// The content of a quoted string with backslash escapes removed, or the bytes as they are.
    private static func unquote(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.first == ASCII.quote else { return Array(bytes) }
        var output = [UInt8]()
        var index = bytes.startIndex + 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash, index + 1 < bytes.endIndex {
                index += 1
                output.append(bytes[index])
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
