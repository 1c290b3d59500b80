import Foundation

/// The moment a Date header names, with the writer's UTC offset.
///
/// Reads RFC 5322 dates and the broken forms real mail carries: missing weekday or comma, two-
/// digit years, missing seconds, `asctime` order (`Mon Jan  2 15:04:05 2006`), ISO 8601, zone
/// names (`GMT`, `EST`, military letters), a missing zone (read as UTC).
public struct MailDate: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var timestamp: Int64
    /// The writer's offset from UTC in minutes (east positive); 0 when unknown.
    public var utcOffsetMinutes: Int

    /// Creates a date from a timestamp and an offset.
    public init(timestamp: Int64, utcOffsetMinutes: Int) {
        self.timestamp = timestamp
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The moment as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(timestamp)) }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]

    /// Reads a Date header value; nil when no day, month, year and time can be found.
    public init?(headerValue text: String) {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?
        var withoutComments = ""
        var depth = 0
        for character in text.prefix(256) {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) } else if depth == 0 {
                withoutComments.append(character)
            }
        }
        let separators: Set<Character> = [" ", "\t", ",", "\r", "\n"]
        var tokens = withoutComments.split(whereSeparator: { separators.contains($0) }).map(String.init)
        if tokens.count == 1, let iso = Self.splitISO(tokens[0]) { tokens = iso }
        for token in tokens {
            let lower = token.lowercased()
            if let first = lower.first, first == "+" || first == "-", let zone = Self.numericZone(lower) {
                if offset == nil { offset = zone }
            } else if lower.contains(":") {
                guard time == nil else { continue }
                var clock = lower
                if let zoneStart = clock.firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "z" }) {
                    offset = Self.numericZone(String(clock[zoneStart...])) ?? (clock[zoneStart] == "z" ? 0 : nil)
                    clock = String(clock[..<zoneStart])
                }
                let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count <= 2 }),
                    let hour = Int(parts[0]), let minute = Int(parts[1])
                else { continue }
                let second = parts.count == 3 ? Int(parts[2].prefix(2)) ?? 0 : 0
                time = (hour, minute, second)
            } else if lower.allSatisfy(\.isASCIIDigit) {
                guard lower.count <= 4, let number = Int(lower) else { continue }
                if day == nil, lower.count <= 2, year == nil || month != nil {
                    day = number
                } else if year == nil {
                    year = number
                }
            } else if lower.allSatisfy(\.isLetter) {
                if lower.count >= 3, let index = Self.months.firstIndex(of: String(lower.prefix(3))), month == nil {
                    month = index + 1
                } else if let zone = Self.zones[lower] {
                    if offset == nil { offset = zone }
                } else if lower.count == 1 {
                    if offset == nil { offset = 0 }
                }
            } else if let numericMonth = Self.dashedDate(lower) {
                (year, month, day) = numericMonth
            }
        }
        guard var year, let month, let day, let time else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard (1...31).contains(day), day <= Self.daysIn(month: month, year: year), (0...23).contains(time.hour),
            (0...59).contains(time.minute), (0...60).contains(time.second)
        else { return nil }
        let zone = offset ?? 0
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(time.hour * 3_600 + time.minute * 60 + min(time.second, 59))
        self.init(timestamp: local - Int64(zone) * 60, utcOffsetMinutes: zone)
    }

    /// `2006-01-02T15:04:05Z` as the tokens `2006-01-02` and `15:04:05Z`.
    private static func splitISO(_ token: String) -> [String]? {
        guard let t = token.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return nil }
        return [String(token[..<t]), String(token[token.index(after: t)...])]
    }

    /// `2006-01-02` as year, month, day.
    private static func dashedDate(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return nil }
        return (year, month, day)
    }

    /// `+hhmm`, `-hhmm` or `+hh:mm` in minutes.
    private static func numericZone(_ token: String) -> Int? {
        let sign = token.first == "-" ? -1 : 1
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
        let minutes = value % 100
        guard minutes < 60 else { return nil }
        return sign * (value / 100 * 60 + minutes)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
