import Foundation

/// Reads RFC 5322 address lists: display names (atoms, quoted strings, encoded words), angle
/// addresses, comments, groups, and the obsolete forms seen in the wild (routes, dotted phrases,
/// whitespace inside addresses, missing angle brackets).
struct AddressListParser {
    let maxAddresses: Int

    private enum Kind: Equatable {
        case word
        case quoted
        case domainLiteral
        case special(UInt8)
    }

    private struct Token {
        var kind: Kind
        var bytes: ArraySlice<UInt8>
        var spaceBefore: Bool
    }

    /// The addresses of `bytes` (a raw header value), groups flattened.
    func parse(_ bytes: ArraySlice<UInt8>, warnings: inout [ParseWarning]) -> [MailAddress] {
        let tokens = Self.tokenize(bytes)
        var result = [MailAddress]()
        var index = 0
        var inGroup = false
        var entryStart = 0
        while index <= tokens.count && result.count < maxAddresses {
            let atEnd = index == tokens.count
            let kind = atEnd ? nil : tokens[index].kind
            if kind == .special(ASCII.colon), !inGroup, !Self.hasAngleOrAt(tokens[entryStart..<index]) {
                inGroup = true
                entryStart = index + 1
            } else if atEnd || kind == .special(ASCII.comma) || kind == .special(ASCII.semicolon) {
                if entryStart < index {
                    if let address = mailbox(tokens[entryStart..<index]) {
                        result.append(address)
                    } else {
                        warnings.append(ParseWarning(.invalidAddress, "address list entry without an address"))
                    }
                }
                // Outside a group, a semicolon separates addresses as Outlook writes them.
                if kind == .special(ASCII.semicolon) { inGroup = false }
                entryStart = index + 1
            } else if kind == .special(ASCII.lessThan) {
                // Skip to the closing bracket so commas inside a route do not split the entry.
                while index < tokens.count, tokens[index].kind != .special(ASCII.greaterThan) { index += 1 }
                continue
            }
            index += 1
        }
        return result
    }

    private static func hasAngleOrAt(_ tokens: ArraySlice<Token>) -> Bool {
        tokens.contains { $0.kind == .special(ASCII.lessThan) || $0.kind == .special(ASCII.at) }
    }

    private func mailbox(_ tokens: ArraySlice<Token>) -> MailAddress? {
        if let open = tokens.firstIndex(where: { $0.kind == .special(ASCII.lessThan) }) {
            var close = open + 1
            while close < tokens.endIndex, tokens[close].kind != .special(ASCII.greaterThan) { close += 1 }
            var specStart = open + 1
            // Obsolete route: <@relay1,@relay2:user@domain>.
            if let colon = tokens[specStart..<close].lastIndex(where: { $0.kind == .special(ASCII.colon) }) {
                specStart = colon + 1
            }
            let spec = Self.addrSpec(tokens[specStart..<close])
            guard !spec.isEmpty else { return nil }
            return MailAddress(displayName: Self.phrase(tokens[tokens.startIndex..<open]), address: spec)
        }
        let words = tokens.filter { $0.kind == .word || $0.kind == .quoted }
        let hasAt = tokens.contains { $0.kind == .special(ASCII.at) }
        guard hasAt || words.count == 1 else { return nil }
        let spec = Self.addrSpec(tokens)
        return spec.isEmpty ? nil : MailAddress(displayName: nil, address: spec)
    }

    /// `local@domain` from tokens, whitespace dropped, quoted local parts kept quoted when needed.
    private static func addrSpec(_ tokens: ArraySlice<Token>) -> String {
        var bytes = [UInt8]()
        for token in tokens {
            switch token.kind {
            case .word:
                bytes += token.bytes
            case .quoted:
                if token.bytes.allSatisfy({ $0 > ASCII.space && $0 != ASCII.quote && $0 != ASCII.backslash }) {
                    bytes += token.bytes
                } else {
                    bytes.append(ASCII.quote)
                    for byte in token.bytes {
                        if byte == ASCII.quote || byte == ASCII.backslash { bytes.append(ASCII.backslash) }
                        bytes.append(byte)
                    }
                    bytes.append(ASCII.quote)
                }
            case .domainLiteral:
                bytes.append(ASCII.openBracket)
                bytes += token.bytes
                bytes.append(ASCII.closeBracket)
            case .special(let byte):
                if byte == ASCII.at || byte == ASCII.dot { bytes.append(byte) }
            }
        }
        return ASCII.headerText(bytes[...])
    }

    /// The decoded display name of phrase tokens, or nil when empty.
    private static func phrase(_ tokens: ArraySlice<Token>) -> String? {
        var bytes = [UInt8]()
        for token in tokens {
            switch token.kind {
            case .word, .quoted:
                if !bytes.isEmpty && token.spaceBefore { bytes.append(ASCII.space) }
                bytes += token.bytes
            case .special(let byte) where byte == ASCII.dot || byte == ASCII.at:
                bytes.append(byte)
            case .domainLiteral, .special:
                continue
            }
        }
        let text = EncodedWords.decode(bytes[...]).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    private static func tokenize(_ bytes: ArraySlice<UInt8>) -> [Token] {
        var tokens = [Token]()
        var index = bytes.startIndex
        let end = bytes.endIndex
        var space = false
        while index < end {
            let byte = bytes[index]
            switch byte {
            case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf:
                space = true
                index += 1
            case ASCII.openParen:
                var depth = 0
                while index < end {
                    let current = bytes[index]
                    if current == ASCII.backslash {
                        index += 1
                    } else if current == ASCII.openParen {
                        depth += 1
                    } else if current == ASCII.closeParen {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    index += 1
                }
                index += 1
                space = true
            case ASCII.quote:
                var content = [UInt8]()
                index += 1
                while index < end, bytes[index] != ASCII.quote {
                    if bytes[index] == ASCII.backslash, index + 1 < end { index += 1 }
                    content.append(bytes[index])
                    index += 1
                }
                index += 1
                tokens.append(Token(kind: .quoted, bytes: content[...], spaceBefore: space))
                space = false
            case ASCII.openBracket:
                let start = index + 1
                while index < end, bytes[index] != ASCII.closeBracket { index += 1 }
                tokens.append(Token(kind: .domainLiteral, bytes: bytes[start..<min(index, end)], spaceBefore: space))
                index += 1
                space = false
            case ASCII.lessThan, ASCII.greaterThan, ASCII.at, ASCII.comma, ASCII.semicolon, ASCII.colon:
                tokens.append(Token(kind: .special(byte), bytes: bytes[index..<(index + 1)], spaceBefore: space))
                index += 1
                space = false
            default:
                let start = index
                while index < end, !Self.isDelimiter(bytes[index]) { index += 1 }
                tokens.append(Token(kind: .word, bytes: bytes[start..<index], spaceBefore: space))
                space = false
            }
        }
        return tokens
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf, ASCII.openParen, ASCII.quote, ASCII.openBracket,
            ASCII.lessThan, ASCII.greaterThan, ASCII.at, ASCII.comma, ASCII.semicolon, ASCII.colon:
            true
        default:
            false
        }
    }
}
