/// Response of `users.history.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.history/list
struct HistoryListJSON: Encodable, Sendable {
    /// `History`.
    struct Record: Encodable, Sendable {
        struct MessageEntry: Encodable, Sendable {
            var message: MessageJSON
        }

        struct LabelEntry: Encodable, Sendable {
            var message: MessageJSON
            var labelIds: [String]
        }

        var id: String
        var messages: [MessageJSON]
        var messagesAdded: [MessageEntry]?
        var messagesDeleted: [MessageEntry]?
        var labelsAdded: [LabelEntry]?
        var labelsRemoved: [LabelEntry]?

        init(_ entry: HistoryEntry) {
            id = String(entry.id)
            let labelled = MessageJSON.minimal(entry.messageID, threadID: entry.threadID, labels: entry.labelsAfter)
            messages = [MessageJSON(id: entry.messageID, threadId: entry.threadID)]
            switch entry.change {
            case .messageAdded: messagesAdded = [MessageEntry(message: labelled)]
            case .messageDeleted: messagesDeleted = [MessageEntry(message: messages[0])]
            case .labelsAdded(let labels): labelsAdded = [LabelEntry(message: labelled, labelIds: labels)]
            case .labelsRemoved(let labels): labelsRemoved = [LabelEntry(message: labelled, labelIds: labels)]
            }
        }
    }

    var history: [Record]?
    var nextPageToken: String?
    var historyId: String
}
