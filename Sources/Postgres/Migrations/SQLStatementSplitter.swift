/// Splits SQL text into statements at top-level semicolons, respecting quoted strings,
/// quoted identifiers, dollar quotes (`$$ ... $$`, `$tag$ ... $tag$`) and comments.
///
/// Used for `-- no-transaction` migrations, whose statements must each be sent on their own.
enum SQLStatementSplitter {
    static func split(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0
        var index = 0
        func flush(upTo end: Int) {
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            if !isOnlyCommentsAndSpace(text) { statements.append(text.trimmingWhitespace()) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index = skipQuoted(bytes, from: index, quote: byte)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index)
            case UInt8(ascii: "$"):
                index = skipDollarQuoted(bytes, from: index)
            case UInt8(ascii: ";"):
                flush(upTo: index)
                index += 1
                start = index
            default:
                index += 1
            }
        }
        if start < bytes.count { flush(upTo: bytes.count) }
        return statements
    }

    private static func skipQuoted(_ bytes: [UInt8], from index: Int, quote: UInt8) -> Int {
        var position = index + 1
        while position < bytes.count {
            if bytes[position] == quote {
                // A doubled quote is an escaped quote, not the end.
                if position + 1 < bytes.count && bytes[position + 1] == quote {
                    position += 2
                    continue
                }
                return position + 1
            }
            position += 1
        }
        return position
    }

    /// Block comments nest in PostgreSQL.
    private static func skipBlockComment(_ bytes: [UInt8], from index: Int) -> Int {
        var depth = 0
        var position = index
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "/") && bytes[position + 1] == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/") {
                depth -= 1
                position += 2
                if depth == 0 { return position }
            } else {
                position += 1
            }
        }
        return bytes.count
    }

    /// `$tag$ ... $tag$`; a `$` that does not open a tag (as in `$1`) is skipped alone.
    private static func skipDollarQuoted(_ bytes: [UInt8], from index: Int) -> Int {
        var tagEnd = index + 1
        while tagEnd < bytes.count, isTagByte(bytes[tagEnd]) { tagEnd += 1 }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$"),
            tagEnd == index + 1 || !isDigit(bytes[index + 1])
        else { return index + 1 }
        let tag = Array(bytes[index...tagEnd])
        var position = tagEnd + 1
        while position + tag.count <= bytes.count {
            if bytes[position] == UInt8(ascii: "$") && Array(bytes[position..<position + tag.count]) == tag {
                return position + tag.count
            }
            position += 1
        }
        return bytes.count
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte >= 0x80
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isOnlyCommentsAndSpace(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let trimmed = line.trimmingWhitespace()
            return trimmed.isEmpty || trimmed.hasPrefix("--")
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
