/// Edits the header block of a raw message at byte level, leaving the rest untouched.
enum RawHeaders {
    /// The message without the named header fields (and their folded continuation lines), e.g.
    /// `Bcc` for a recipient's copy.
    static func removing(_ name: String, from raw: [UInt8]) -> [UInt8] {
        let headerEnd = endOfHeader(raw)
        let lowerName = Array((name + ":").lowercased().utf8)
        var output = [UInt8]()
        output.reserveCapacity(raw.count)
        var index = 0
        var skipping = false
        while index < headerEnd {
            var lineEnd = index
            while lineEnd < headerEnd, raw[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = raw[index..<min(lineEnd + 1, raw.count)]
            let isContinuation = line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t")
            if !isContinuation {
                skipping =
                    line.count >= lowerName.count
                    && zip(line.prefix(lowerName.count), lowerName).allSatisfy { lowercase($0) == $1 }
            }
            if !skipping { output.append(contentsOf: line) }
            index = lineEnd + 1
        }
        if headerEnd < raw.count { output.append(contentsOf: raw[headerEnd...]) }
        return output
    }

    /// The message with `field` (a full `Name: value` line) added at the top.
    static func prepending(_ field: String, to raw: [UInt8]) -> [UInt8] {
        Array((field + "\r\n").utf8) + raw
    }

    /// The index just after the blank line ending the header (or the end).
    private static func endOfHeader(_ raw: [UInt8]) -> Int {
        var index = 0
        var lineStart = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "\n") {
                let length = index - lineStart
                if length == 0 || (length == 1 && raw[lineStart] == UInt8(ascii: "\r")) { return lineStart }
                lineStart = index + 1
            }
            index += 1
        }
        return raw.count
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
