import Foundation

/// Dates as the viewer reads them: formatted on the server in the language of `Accept-Language`
/// (in UTC, said so), inside `<time datetime>`; the page's small script rewrites them into the
/// browser's own time zone when scripts run.
struct LocalDate: Sendable {
    /// The ISO 8601 instant for `datetime`.
    var iso: String
    /// The formatted text.
    var text: String

    init(_ date: Date, acceptLanguage: String?) {
        iso = date.formatted(.iso8601)
        let formatter = DateFormatter()
        formatter.locale = Self.locale(acceptLanguage)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .medium
        formatter.timeStyle = .short
        text = formatter.string(from: date) + " UTC"
    }

    /// The first language of an `Accept-Language` header (`de-DE,de;q=0.9,en;q=0.8` -> `de-DE`).
    static func locale(_ acceptLanguage: String?) -> Locale {
        let first = acceptLanguage?.split(separator: ",").first?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first, !first.isEmpty, first != "*" else { return Locale(identifier: "en_US") }
        return Locale(identifier: first.replacingOccurrences(of: "-", with: "_"))
    }
}
