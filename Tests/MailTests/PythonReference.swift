/// What `scripts/mail/mailref.py` reports Python's `email` package read from a message.
struct PythonReference: Decodable {
    struct Leaf: Decodable {
        var path: String
        var type: String
        var filename: String?
        var disposition: String?
        var contentId: String?
        var size: Int?
        var sha256: String?
        var text: String?
    }

    var headerNames: [String]
    var unstructured: [String: String]
    var from: [[String?]]
    var to: [[String?]]
    var cc: [[String?]]
    var bcc: [[String?]]
    var replyTo: [[String?]]
    var sender: [[String?]]
    var date: Int64?
    var messageId: String?
    var inReplyTo: [String]
    var references: [String]
    var text: String?
    var html: String?
    var leaves: [Leaf]
    var defects: [String]

    enum CodingKeys: String, CodingKey {
        case headerNames = "header_names"
        case unstructured, from, to, cc, bcc
        case replyTo = "reply-to"
        case sender, date
        case messageId = "message_id"
        case inReplyTo = "in_reply_to"
        case references, text, html, leaves, defects
    }
}

extension PythonReference.Leaf {
    enum CodingKeys: String, CodingKey {
        case path, type, filename, disposition
        case contentId = "content_id"
        case size, sha256, text
    }
}
