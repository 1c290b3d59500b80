/// Where incremental sync stands in one mailbox: opaque to everyone but the provider that made it.
///
/// A cursor is a set of positions keyed by stream: Gmail has one stream (its history id, plus a
/// page token while a walk is unfinished); Graph has one per mail folder (its delta or next link).
/// Store it as JSON (`Codable`) next to the mailbox and hand it back unchanged.
public struct MailboxCursor: Sendable, Hashable, Codable {
    /// Stream key to the provider's token for it.
    public var positions: [String: String]

    /// Creates a cursor from positions.
    public init(positions: [String: String]) {
        self.positions = positions
    }

    /// The token of one stream.
    public subscript(stream: String) -> String? {
        get { positions[stream] }
        set { positions[stream] = newValue }
    }
}
