import Foundation
import Mail

/// One message of an emulated mailbox as its page shows it, whichever provider holds it.
struct PageMessage: Sendable {
    var id: String
    var threadID: String
    var from: String
    var to: String
    var subject: String
    var date: Date
    var snippet: String
    var unread: Bool
    var inInbox: Bool
    var inSent: Bool
    /// The Message-ID header, for a reply's In-Reply-To.
    var messageIDHeader: String?
    /// The References of a reply to it: its own plus its Message-ID.
    var replyReferences: [String]
    /// The first To recipient (who answers a sent message in the demo).
    var firstRecipient: String?

    /// Reads the addresses, subject, date and start of the text from the raw message.
    init(id: String, threadID: String, raw: [UInt8], fallbackDate: Date, unread: Bool, inInbox: Bool, inSent: Bool) {
        let parsed = MessageParser().parse(raw)
        self.id = id
        self.threadID = threadID
        from = parsed.from.map(\.description).joined(separator: ", ")
        to = (parsed.to + parsed.cc).map(\.description).joined(separator: ", ")
        subject = parsed.subject.flatMap { $0.isEmpty ? nil : $0 } ?? "(no subject)"
        date = parsed.date?.date ?? fallbackDate
        let text = (parsed.textBody ?? parsed.htmlBody ?? "").split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        snippet = String(text.prefix(160))
        self.unread = unread
        self.inInbox = inInbox
        self.inSent = inSent
        messageIDHeader = parsed.messageID
        replyReferences = parsed.references + (parsed.messageID.map { [$0] } ?? [])
        firstRecipient = parsed.to.first?.address
    }
}
