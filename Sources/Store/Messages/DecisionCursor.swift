/// A position in a connection's decisions, newest first: the decision time in microseconds since
/// 1970 and the provider message id. Its text form (`micros.id`) is what a page's `nextCursor` carries.
public struct DecisionCursor: Sendable, Hashable {
    /// `decided_at` in whole microseconds since 1970 (exact, unlike a `Date`).
    public var decidedAtMicros: Int64
    /// The provider message id (the tie-breaker).
    public var providerMessageID: String

    /// Creates a cursor.
    public init(decidedAtMicros: Int64, providerMessageID: String) {
        self.decidedAtMicros = decidedAtMicros
        self.providerMessageID = providerMessageID
    }

    /// Parses the text form; nil when it is not one.
    public init?(text: String) {
        guard let dot = text.firstIndex(of: "."), let micros = Int64(text[..<dot]) else { return nil }
        let id = String(text[text.index(after: dot)...])
        guard !id.isEmpty else { return nil }
        self.init(decidedAtMicros: micros, providerMessageID: id)
    }

    /// The text form, `micros.providerMessageID`.
    public var text: String { "\(decidedAtMicros).\(providerMessageID)" }
}
