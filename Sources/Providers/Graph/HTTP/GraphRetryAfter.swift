/// Reads a `Retry-After` header given in seconds, fractions included (`"0.25"`, `"2"`); Graph
/// sends seconds (https://learn.microsoft.com/graph/throttling).
enum GraphRetryAfter {
    static func duration(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
