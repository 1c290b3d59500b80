import Foundation

/// The part of Gmail's search syntax (`q`) the emulator understands: `after:` and `before:`
/// (epoch seconds or `yyyy/mm/dd`), `rfc822msgid:`, `in:`/`label:`, `is:read`/`is:unread`,
/// `from:`/`to:`; any other word must occur in the raw message.
/// https://support.google.com/mail/answer/7190
struct GmailSearch: Sendable {
    private var terms: [Term] = []

    private enum Term: Sendable {
        case after(Int64)
        case before(Int64)
        case messageID(String)
        case label(String)
        case read(Bool)
        case address(String)
        case text(String)
    }

    init(_ query: String?) {
        for word in (query ?? "").split(separator: " ") where !word.isEmpty {
            let parts = word.split(separator: ":", maxSplits: 1)
            let key = parts.count == 2 ? parts[0].lowercased() : ""
            let value = parts.count == 2 ? String(parts[1]) : String(word)
            switch key {
            case "after": Self.epochMillis(value).map { terms.append(.after($0)) }
            case "before": Self.epochMillis(value).map { terms.append(.before($0)) }
            case "rfc822msgid":
                terms.append(.messageID(value.trimmingCharacters(in: CharacterSet(charactersIn: "<>")).lowercased()))
            case "in", "label": terms.append(.label(value.uppercased()))
            case "is" where value.lowercased() == "unread": terms.append(.read(false))
            case "is" where value.lowercased() == "read": terms.append(.read(true))
            case "from", "to", "cc", "bcc": terms.append(.address(value.lowercased()))
            default: terms.append(.text(String(word).lowercased()))
            }
        }
    }

    /// Whether the query names the trash or spam explicitly (then they are searched).
    var mentionsTrashOrSpam: Bool {
        terms.contains {
            if case .label(let label) = $0 { return label == "TRASH" || label == "SPAM" || label == "ANYWHERE" }
            return false
        }
    }

    func matches(_ message: EmulatedMessage) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .after(let millis): message.internalDate >= millis
            case .before(let millis): message.internalDate < millis
            case .messageID(let id): message.messageIDHeader?.lowercased() == id
            case .label(let label): label == "ANYWHERE" || message.labels.contains(label)
            case .read(let read): message.labels.contains("UNREAD") != read
            case .address(let address): message.addresses.contains { $0.contains(address) }
            case .text(let word): String(decoding: message.raw, as: UTF8.self).lowercased().contains(word)
            }
        }
    }

    /// Epoch seconds, or a `yyyy/mm/dd` date (UTC), in milliseconds.
    private static func epochMillis(_ value: String) -> Int64? {
        if let seconds = Int64(value) { return seconds * 1000 }
        let parts = value.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components).map { Int64($0.timeIntervalSince1970 * 1000) }
    }
}
