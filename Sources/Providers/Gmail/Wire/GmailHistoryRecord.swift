/// `History` of the Gmail API: one change record.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.history#History
struct GmailHistoryRecord: Codable, Sendable, Hashable {
    /// A message the record touches.
    struct MessageEntry: Codable, Sendable, Hashable {
        var message: GmailMessage
    }

    /// A message whose labels the record changed, and which labels.
    struct LabelEntry: Codable, Sendable, Hashable {
        var message: GmailMessage
        var labelIds: [String]
    }

    var id: GoogleUInt64
    var messages: [GmailMessage]?
    var messagesAdded: [MessageEntry]?
    var messagesDeleted: [MessageEntry]?
    var labelsAdded: [LabelEntry]?
    var labelsRemoved: [LabelEntry]?
}
