import Mail

/// A message in an emulated mailbox.
struct EmulatedMessage: Sendable {
    /// Gmail-style id: 16 hex digits.
    var id: String
    var threadID: String
    var raw: [UInt8]
    var labels: Set<String>
    /// Epoch milliseconds.
    var internalDate: Int64
    /// The history id of the last change to this message.
    var historyID: UInt64
    /// Message-ID without angle brackets.
    var messageIDHeader: String?
    var subject: String
    var snippet: String
    /// Every address in From, To, Cc and Bcc, lowercased (for search).
    var addresses: Set<String>

    /// Labels in a stable order, as the API lists them.
    var sortedLabels: [String] { labels.sorted() }
}
