/// Splits the header block off an entity: fields with folding undone, and where the body starts.
struct HeaderBlockParser {
    let limits: ParseLimits

    /// The header of `bytes` and the index where its body starts.
    func parse(
        _ bytes: ArraySlice<UInt8>, path: String, warnings: inout [ParseWarning]
    ) -> (header: MessageHeader, bodyStart: Int) {
        var fields = [HeaderField]()
        var currentName: ArraySlice<UInt8>?
        var currentValue = [UInt8]()
        var index = bytes.startIndex
        let end = bytes.endIndex
        var limitReached = false

        func finishField() {
            guard let name = currentName else { return }
            currentName = nil
            if fields.count >= limits.maxHeaderFields {
                limitReached = true
                return
            }
            let value = ASCII.trimmed(currentValue[...])
            fields.append(HeaderField(name: ASCII.headerText(name), rawValue: Array(value)))
        }

        if bytes.starts(with: "From ".utf8) {
            warnings.append(ParseWarning(.mboxFromLine, "\(path): leading mbox From line skipped"))
            index = ByteSearch.nextLine(bytes, from: index)
        }
        while index < end {
            let lineStart = index
            let next = ByteSearch.nextLine(bytes, from: index)
            var contentEnd = next
            if contentEnd > lineStart, bytes[contentEnd - 1] == ASCII.lf { contentEnd -= 1 }
            if contentEnd > lineStart, bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            if contentEnd == lineStart {
                finishField()
                if limitReached { warnings.append(ParseWarning(.headerLimitReached, "\(path): header fields dropped")) }
                return (MessageHeader(fields: fields), next)
            }
            if lineStart - bytes.startIndex > limits.maxHeaderBytes || limitReached {
                limitReached = true
                index = next
                continue
            }
            let first = bytes[lineStart]
            if first == ASCII.space || first == ASCII.tab {
                if currentName != nil {
                    currentValue.append(contentsOf: bytes[lineStart..<contentEnd])
                } else {
                    warnings.append(ParseWarning(.malformedHeaderLine, "\(path): continuation line without a field"))
                }
                index = next
                continue
            }
            guard let colon = Self.fieldNameEnd(bytes[lineStart..<contentEnd]) else {
                // Like Python's parser: a line that is no header field starts the body.
                finishField()
                warnings.append(
                    ParseWarning(.missingHeaderBodySeparator, "\(path): header block ended by a line without a colon"))
                if limitReached { warnings.append(ParseWarning(.headerLimitReached, "\(path): header fields dropped")) }
                return (MessageHeader(fields: fields), lineStart)
            }
            finishField()
            var nameEnd = colon
            while nameEnd > lineStart, bytes[nameEnd - 1] == ASCII.space || bytes[nameEnd - 1] == ASCII.tab {
                nameEnd -= 1
            }
            currentName = bytes[lineStart..<nameEnd]
            currentValue.removeAll(keepingCapacity: true)
            currentValue.append(contentsOf: bytes[(colon + 1)..<contentEnd])
            index = next
        }
        finishField()
        if limitReached { warnings.append(ParseWarning(.headerLimitReached, "\(path): header fields dropped")) }
        return (MessageHeader(fields: fields), end)
    }

    /// The index of the colon ending a field name (printable ASCII, optionally followed by
    /// whitespace), or nil when the line is not a header field.
    private static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == ASCII.colon { return index > line.startIndex ? index : nil }
            if byte == ASCII.space || byte == ASCII.tab {
                var cursor = index
                while cursor < line.endIndex, line[cursor] == ASCII.space || line[cursor] == ASCII.tab { cursor += 1 }
                return cursor < line.endIndex && line[cursor] == ASCII.colon && index > line.startIndex ? cursor : nil
            }
            if byte < 0x21 || byte > 0x7E { return nil }
            index += 1
        }
        return nil
    }
}
