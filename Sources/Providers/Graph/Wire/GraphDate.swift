import Foundation

/// Graph's ISO 8601 UTC timestamps: `2016-03-19T22:11:09Z` on messages, up to seven fraction
/// digits (`2016-03-20T11:00:00.0000000Z`) on subscriptions.
enum GraphDate {
    /// The date of a timestamp, or nil when it is not one.
    static func parse(_ text: String) -> Date? {
        var whole = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
            fraction = Double("0." + digits) ?? 0
            whole = String(text[..<dot]) + String(text[text.index(after: dot)...].dropFirst(digits.count))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: whole).map { $0.addingTimeInterval(fraction) }
    }

    /// `date` as `yyyy-MM-ddTHH:mm:ssZ`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
