import Foundation

/// Graph's timestamp formats: `2026-11-29T10:00:00Z` on messages, seven fraction digits on
/// subscriptions (`2026-12-06T10:00:00.0000000Z`).
enum GraphDateText {
    static func iso(_ date: Date) -> String {
        formatter.string(from: date)
    }

    static func isoSevenDigits(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let fraction = Int(((date.timeIntervalSince1970 - whole) * 10_000_000).rounded(.down))
        let text = formatter.string(from: Date(timeIntervalSince1970: whole))
        return String(text.dropLast()) + "." + String(format: "%07d", fraction) + "Z"
    }

    /// Reads a timestamp with any number of fraction digits.
    static func parse(_ text: String) -> Date? {
        guard let dot = text.firstIndex(of: ".") else { return formatter.date(from: text) }
        let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
        let rest = text[text.index(after: dot)...].dropFirst(digits.count)
        return formatter.date(from: String(text[..<dot]) + rest).map {
            $0.addingTimeInterval(Double("0." + digits) ?? 0)
        }
    }

    private static var formatter: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
