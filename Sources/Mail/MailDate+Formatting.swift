extension MailDate {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// The date as an RFC 5322 `date-time`, e.g. `Sun, 29 Nov 2026 10:00:00 +0100`.
    public var rfc5322: String {
        let parts = localParts
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        return "\(Self.dayNames[parts.weekday]), \(parts.day) \(Self.monthNames[parts.month - 1]) \(parts.year) "
            + "\(Self.two(parts.hour)):\(Self.two(parts.minute)):\(Self.two(parts.second)) "
            + "\(sign)\(Self.two(offset / 60))\(Self.two(offset % 60))"
    }

    /// The date as ISO 8601 with the writer's offset, e.g. `2026-11-29T10:00:00+01:00`.
    public var iso8601: String {
        let parts = localParts
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        let year = String(parts.year)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(Self.two(parts.month))-"
            + "\(Self.two(parts.day))T\(Self.two(parts.hour)):\(Self.two(parts.minute)):\(Self.two(parts.second))"
            + "\(sign)\(Self.two(offset / 60)):\(Self.two(offset % 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Civil date and time in the writer's zone (Howard Hinnant's `civil_from_days`).
    private var localParts: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        // Clamped so a hand-made date far outside any calendar cannot overflow.
        let local = min(max(timestamp, -1 << 45), 1 << 45) + Int64(utcOffsetMinutes) * 60
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let seconds = Int(local - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7) % 7
        return (year, month, day, seconds / 3_600, seconds % 3_600 / 60, seconds % 60, weekday)
    }
}
