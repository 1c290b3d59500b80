/// Subjects for display and grouping: reply and forward prefixes in the languages mail clients
/// write them (`Re:`, `Fwd:`, `AW:`, `WG:`, `SV:`, `RE[2]:`, `Réf. :`...) removed, whitespace
/// collapsed. Never used to decide a thread (see `ThreadResolver`).
///
/// ```swift
/// SubjectNormalizer.normalize("RE[2]: AW: Fwd:  Angebot")  // "Angebot"
/// ```
public enum SubjectNormalizer {
    /// Prefixes compared lower-cased, before an optional `[n]`/`(n)` counter and a colon.
    private static let prefixes: Set<String> = [
        "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "antwort", "tr", "rif", "r", "ref", "réf", "réf.",
        "rv", "enc", "res", "odp", "pd", "fs", "vb", "ynt", "ilt", "vl", "doorst", "atb", "bls", "πρθ", "απ",
        "ha", "תשובה", "回复", "转发", "答复", "返信", "転送",
    ]

    /// The subject without leading reply/forward prefixes and with single spaces.
    public static func normalize(_ subject: String) -> String {
        var rest = Substring(collapse(subject))
        var changed = true
        while changed {
            changed = false
            guard let colon = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) else { break }
            var word = String(rest[..<colon]).trimmingWhitespace()
            if word.hasSuffix("]") || word.hasSuffix(")"),
                let open = word.lastIndex(where: { $0 == "[" || $0 == "(" }),
                word[word.index(after: open)..<word.index(before: word.endIndex)].allSatisfy(\.isNumber)
            {
                word = String(word[..<open]).trimmingWhitespace()
            }
            if prefixes.contains(word.lowercased()) {
                rest = rest[rest.index(after: colon)...].drop(while: { $0 == " " })
                changed = true
            }
        }
        return String(rest)
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
