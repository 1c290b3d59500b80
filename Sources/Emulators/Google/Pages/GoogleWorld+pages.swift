import Foundation
import Mail

/// What the emulated mailbox pages read and do in a Gmail mailbox.
extension GoogleWorld {
    /// Every account's address, sorted.
    func pageAccounts() -> [String] {
        accounts.keys.sorted()
    }

    /// The mailbox's messages, newest first (trash and spam left out); nil for an unknown account.
    func pageMessages(of email: String) -> [PageMessage]? {
        guard let messages = messages(of: email) else { return nil }
        return messages.reversed().filter { $0.labels.isDisjoint(with: ["TRASH", "SPAM"]) }.map { message in
            PageMessage(
                id: message.id, threadID: message.threadID, raw: message.raw,
                fallbackDate: Date(timeIntervalSince1970: TimeInterval(message.internalDate) / 1000),
                unread: message.labels.contains("UNREAD"), inInbox: message.labels.contains("INBOX"),
                inSent: message.labels.contains("SENT"))
        }
    }

    /// Replies to a message as the mailbox owner would in Gmail: to its sender (or Reply-To), in
    /// its thread, with In-Reply-To and References. False for an unknown account or message.
    func replyAsOwner(to id: String, of email: String, text: String) throws -> Bool {
        guard let account = account(email), let parent = message(id, of: email) else { return false }
        let parsed = MessageParser().parse(parent.raw)
        let recipient = parsed.replyTo.first ?? parsed.from.first ?? MailAddress(address: account.email)
        let subject = parsed.subject ?? ""
        var reply = OutgoingMessage(
            from: MailAddress(
                displayName: account.displayName.isEmpty ? nil : account.displayName, address: account.email),
            to: [recipient], subject: subject.lowercased().hasPrefix("re:") ? subject : "Re: \(subject)")
        reply.reply(to: parsed)
        reply.textBody = text
        let built = try MessageBuilder(messageIDDomain: "mail.gmail.com").build(reply)
        return send(raw: built.bytes, from: account.email, threadID: parent.threadID) != nil
    }

    /// Sends new mail as the owner; false for an unknown account.
    func sendAsOwner(_ raw: [UInt8], from email: String) -> Bool {
        send(raw: raw, from: email, threadID: nil) != nil
    }
}
