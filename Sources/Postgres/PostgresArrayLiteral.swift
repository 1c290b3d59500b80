/// Formats and parses one-dimensional PostgreSQL array literals (`{"a","b c",NULL}`).
enum PostgresArrayLiteral {
    /// Quotes every element, escaping `"` and `\`; nil becomes an unquoted NULL.
    static func format(_ elements: [String?]) -> String {
        var text = "{"
        for (position, element) in elements.enumerated() {
            if position > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element {
                if character == "\"" || character == "\\" { text.append("\\") }
                text.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// Parses the server's text output of a one-dimensional array; nil if it is not one.
    static func parse(_ text: String) -> [String?]? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var elements: [String?] = []
        var index = 1
        let end = bytes.count - 1
        if index == end { return [] }
        while index < end {
            var element: [UInt8] = []
            var quoted = false
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < end else { return nil }
                    element.append(bytes[index])
                    index += 1
                }
                guard index < end else { return nil }
                index += 1
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    guard bytes[index] != UInt8(ascii: "{") else { return nil }
                    element.append(bytes[index])
                    index += 1
                }
            }
            let value = String(decoding: element, as: UTF8.self)
            elements.append(!quoted && value == "NULL" ? nil : value)
            if index < end {
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
        return elements
    }
}
