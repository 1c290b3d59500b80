/// Reads Message-ID, In-Reply-To and References values: every `<id>` in order, without angle
/// brackets; phrases and comments around them are ignored, and a bare `id@host` without brackets
/// (as some broken senders write) is accepted when no bracketed id is present.
enum MessageIDList {
    /// The most ids read from one header; References of real threads stay far below.
    static let maxIDs = 1_000

    /// The ids in `bytes`, in order.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [String] {
        var ids = [String]()
        var index = bytes.startIndex
        while index < bytes.endIndex, ids.count < maxIDs {
            guard bytes[index] == ASCII.lessThan else {
                index += 1
                continue
            }
            var close = index + 1
            while close < bytes.endIndex, bytes[close] != ASCII.greaterThan, bytes[close] != ASCII.lessThan {
                close += 1
            }
            guard close < bytes.endIndex, bytes[close] == ASCII.greaterThan else {
                index = close
                continue
            }
            let id = bytes[(index + 1)..<close].filter { !ASCII.isWhitespace($0) }
            if !id.isEmpty { ids.append(ASCII.headerText(id[...])) }
            index = close + 1
        }
        if ids.isEmpty {
            for word in bytes.split(whereSeparator: ASCII.isWhitespace).prefix(maxIDs)
            where word.contains(ASCII.at) && !word.contains(ASCII.openParen) {
                ids.append(ASCII.headerText(word))
            }
        }
        return ids
    }
}
