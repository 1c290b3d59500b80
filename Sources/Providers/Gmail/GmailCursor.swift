/// Gmail's reading of a `MailboxCursor`: the history id to list after and, while a walk over
/// several pages is unfinished, the next page token (which only works with the same start id).
struct GmailCursor: Sendable, Hashable {
    static let historyKey = "historyId"
    static let pageKey = "pageToken"

    var historyID: UInt64
    var pageToken: String?

    init(historyID: UInt64, pageToken: String?) {
        self.historyID = historyID
        self.pageToken = pageToken
    }

    /// Reads a cursor this provider made; anything else is a permanent error.
    init(_ cursor: MailboxCursor) throws {
        guard let text = cursor[Self.historyKey], let id = UInt64(text) else {
            throw ProviderError(.permanent, providerCode: "notAGmailCursor")
        }
        historyID = id
        pageToken = cursor[Self.pageKey]
    }

    var cursor: MailboxCursor {
        var positions = [Self.historyKey: String(historyID)]
        positions[Self.pageKey] = pageToken
        return MailboxCursor(positions: positions)
    }
}
