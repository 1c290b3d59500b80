/// `Message` as the emulator answers it: 64-bit numbers as strings, empty fields left out.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages#Message
struct MessageJSON: Encodable, Sendable {
    /// `MessagePart` with the top-level headers only (formats `full` and `metadata`).
    struct Payload: Encodable, Sendable {
        struct Header: Encodable, Sendable {
            var name: String
            var value: String
        }

        var partId: String
        var mimeType: String
        var filename: String
        var headers: [Header]
    }

    var id: String
    var threadId: String
    var labelIds: [String]?
    var snippet: String?
    var historyId: String?
    var internalDate: String?
    var sizeEstimate: Int?
    var raw: String?
    var payload: Payload?

    /// Only the ids (list results, history records).
    static func reference(_ message: EmulatedMessage) -> MessageJSON {
        MessageJSON(id: message.id, threadId: message.threadID)
    }

    /// Ids and labels (send and modify answers, history records).
    static func minimal(_ id: String, threadID: String, labels: [String]) -> MessageJSON {
        MessageJSON(id: id, threadId: threadID, labelIds: labels.isEmpty ? nil : labels)
    }
}
