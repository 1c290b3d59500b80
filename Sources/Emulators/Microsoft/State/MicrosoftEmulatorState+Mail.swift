import Foundation
import Mail

extension MicrosoftEmulatorState {
    /// Stores an inbound message in a folder of the mailbox (Inbox unless said otherwise).
    func deliverMessage(_ raw: [UInt8], to accountID: String, folder: String = "inbox", isRead: Bool = false)
        async throws
        -> OutlookMessage
    {
        try await mutate(accountID) { mailbox in
            guard let target = mailbox.folder(folder) else { throw MicrosoftEmulatorError(.unknownFolder) }
            let (message, change) = mailbox.insert(
                raw: raw, folderID: target.id, isRead: isRead, isDraft: false, now: Date())
            return (message, [change])
        }
    }

    /// Sends MIME as the mailbox owner (`sendMail`): the copy goes to Sent Items, with Bcc kept
    /// there, and a copy without Bcc to every emulated recipient's Inbox.
    func sendMessage(_ raw: [UInt8], from accountID: String, conversationID: String? = nil) async throws
        -> OutlookMessage
    {
        let sent = try await mutate(accountID) { mailbox in
            let sentItems = mailbox.wellKnownFolderID("sentitems")
            let (message, change) = mailbox.insert(
                raw: raw, folderID: sentItems, isRead: true, isDraft: false, conversationID: conversationID, now: Date()
            )
            return (message, [change])
        }
        try await distribute(sent)
        return sent
    }

    /// Creates a draft from MIME in Drafts; a reply draft joins its parent's conversation.
    func createDraft(_ raw: [UInt8], in accountID: String, replyingTo parentKey: Int? = nil) async throws
        -> OutlookMessage
    {
        try await mutate(accountID) { mailbox in
            let drafts = mailbox.wellKnownFolderID("drafts")
            let conversation = parentKey.flatMap { mailbox.messages[$0]?.conversationID }
            let (message, change) = mailbox.insert(
                raw: raw, folderID: drafts, isRead: true, isDraft: true, conversationID: conversation, now: Date())
            return (message, [change])
        }
    }

    /// Sends a draft (`POST /me/messages/{id}/send`): its files are merged into its MIME, it moves
    /// to Sent Items keeping its immutable id, and recipients get their copies.
    func sendDraft(_ key: Int, in accountID: String) async throws -> OutlookMessage {
        let sent = try await mutate(accountID) { mailbox -> (OutlookMessage, [OutlookMailbox.Change]) in
            guard let draft = mailbox.messages[key], draft.isDraft else { throw GraphFailure.notFound() }
            let now = Date()
            var changes = [OutlookMailbox.Change]()
            if let update = mailbox.update(
                key, now: now,
                { message in
                    message.raw = message.mime
                    message.attachments = []
                    message.isDraft = false
                    message.sentAt = now
                    message.receivedAt = now
                })
            {
                changes.append(update)
            }
            changes += mailbox.move(key, to: mailbox.wellKnownFolderID("sentitems"), now: now)
            guard let sent = mailbox.messages[key] else { throw GraphFailure.notFound() }
            return (sent, changes)
        }
        try await distribute(sent)
        return sent
    }

    /// Puts a copy of a sent message, without its Bcc header, into each emulated recipient's Inbox.
    private func distribute(_ sent: OutlookMessage) async throws {
        let copy = OutlookMIME.removingHeader("bcc", from: sent.mime)
        var delivered = Set<String>()
        for recipient in sent.to + sent.cc + sent.bcc {
            guard let accountID = try? accountID(for: recipient.address), delivered.insert(accountID).inserted else {
                continue
            }
            _ = try await deliverMessage(copy, to: accountID)
        }
    }

    /// A reply the mailbox owner writes in Outlook: To the parent's sender (or Reply-To), the
    /// parent's subject with `Re:`, In-Reply-To and References, in the parent's conversation.
    func replyAsOwner(to key: Int, in accountID: String, text: String) async throws -> OutlookMessage {
        let mailbox = try mailbox(accountID)
        guard let parent = mailbox.messages[key] else { throw MicrosoftEmulatorError(.unknownMessage) }
        let raw = try Self.replyMIME(to: parent, from: mailbox.account, text: text)
        return try await sendMessage(raw, from: accountID, conversationID: parent.conversationID)
    }

    /// The reply Outlook writes: to the parent's sender (or Reply-To), `Re:` subject, In-Reply-To
    /// and References.
    static func replyMIME(to parent: OutlookMessage, from owner: OutlookAccount, text: String) throws -> [UInt8] {
        let recipient = parent.replyTo.first ?? parent.from ?? MailAddress(address: owner.address)
        var outgoing = OutgoingMessage(
            from: MailAddress(displayName: owner.displayName, address: owner.address), to: [recipient],
            subject: replySubject(parent.subject ?? ""))
        outgoing.inReplyTo = parent.bareMessageID
        outgoing.references = parent.references + [parent.bareMessageID]
        outgoing.textBody = text
        return try MessageBuilder(messageIDDomain: messageIDDomain(of: owner.address)).build(outgoing).bytes
    }

    static func replySubject(_ subject: String) -> String {
        subject.lowercased().hasPrefix("re:") ? subject : "Re: \(subject)"
    }

    static func messageIDDomain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "emulator.outlook.local"
    }
}
