/// Writes header fields for outgoing mail: RFC 2047 encoded words where text is not plain
/// ASCII, quoted display names, RFC 2231 parameters, and folding so lines stay within 78
/// characters where whitespace allows (never beyond 998).
enum HeaderEncoder {
    /// The longest line the builder aims for (RFC 5322 2.1.1 "SHOULD").
    static let preferredLineLength = 78
    /// The longest single word written as-is in unstructured text; longer ones force encoding.
    private static let maxPlainWord = 70

    /// `Name: value` lines (CRLF-terminated) with the value folded at its spaces.
    static func field(_ name: String, _ value: String) -> String {
        var lines = [String]()
        var line = "\(name):"
        for word in splitOutsideQuotes(value) {
            if line.utf8.count + 1 + word.utf8.count > preferredLineLength, line.utf8.count > name.utf8.count + 1 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Unstructured text (Subject, `X-` values): as-is when printable ASCII with short words and
    /// no `=?`, otherwise UTF-8 encoded words.
    static func unstructured(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            && !text.contains("=?")
            && text.split(separator: " ").allSatisfy { $0.utf8.count <= maxPlainWord }
            && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ")
        return plain ? text : encodedWords(text).joined(separator: " ")
    }

    /// A display name as a phrase: atoms, a quoted string, or encoded words.
    static func phrase(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), !name.contains("=?") else {
            return encodedWords(name).joined(separator: " ")
        }
        let isAtomText: (UInt8) -> Bool = { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, ASCII.space: true
            default: Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
            }
        }
        if bytes.allSatisfy(isAtomText), !name.hasPrefix(" "), !name.hasSuffix(" "), !name.contains("  ") {
            return name
        }
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `phrase <address>` or the bare address.
    static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.displayName, !name.isEmpty else { return address.address }
        return "\(phrase(name)) <\(address.address)>"
    }

    /// UTF-8 B-encoded words of at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?utf-8?b?"
        let maxPayload = (75 - prefix.count - 2) / 4 * 3
        var words = [String]()
        var chunk = [UInt8]()
        for scalar in text.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if chunk.count + encoded.count > maxPayload {
                words.append(prefix + String(decoding: Base64.encode(chunk, lineLength: nil), as: UTF8.self) + "?=")
                chunk.removeAll()
            }
            chunk += encoded
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(prefix + String(decoding: Base64.encode(chunk, lineLength: nil), as: UTF8.self) + "?=")
        }
        return words
    }

    /// `key="value"` or RFC 2231 `key*0*=utf-8''...` parameters, each piece short enough to
    /// fold onto its own line.
    static func parameter(_ key: String, _ value: String) -> [String] {
        let bytes = Array(value.utf8)
        let safe = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        if safe && bytes.count <= 60 {
            var quoted = "\""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return ["\(key)=\(quoted)\""]
        }
        // Whole characters per section: Python decodes each section on its own.
        var pieces = [String]()
        for scalar in value.unicodeScalars {
            var piece = ""
            for byte in String(scalar).utf8 {
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, ASCII.hyphen, ASCII.dot, ASCII.underscore:
                    piece.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    piece += "%" + String(decoding: [ASCII.hexDigits[Int(byte >> 4)], ASCII.hexDigits[Int(byte & 15)]], as: UTF8.self)
                }
            }
            pieces.append(piece)
        }
        let encoded = pieces.joined()
        if encoded.utf8.count <= 60 { return ["\(key)*=utf-8''\(encoded)"] }
        var sections = [String]()
        var current = ""
        for piece in pieces {
            if !current.isEmpty, current.utf8.count + piece.utf8.count > 54 {
                sections.append("\(key)*\(sections.count)*=\(sections.isEmpty ? "utf-8''" : "")\(current)")
                current = ""
            }
            current += piece
        }
        sections.append("\(key)*\(sections.count)*=\(sections.isEmpty ? "utf-8''" : "")\(current)")
        return sections
    }

    /// The words of `value` split at spaces outside quoted strings (folding points).
    private static func splitOutsideQuotes(_ value: String) -> [Substring] {
        var words = [Substring]()
        var start = value.startIndex
        var inQuotes = false
        var escaped = false
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if escaped {
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == " " && !inQuotes {
                if start < index { words.append(value[start..<index]) }
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        if start < value.endIndex { words.append(value[start...]) }
        return words
    }
}
