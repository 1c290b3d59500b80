import Foundation

/// What the emulated mailbox pages read in an Outlook mailbox (acting uses the control API's
/// `deliver`, `send` and `reply`).
extension MicrosoftEmulatorState {
    /// Every account's address, in creation order.
    func pageAccounts() -> [String] {
        accounts().map(\.address)
    }

    /// The mailbox's messages in Inbox and Sent Items, newest first; nil for an unknown account.
    func pageMessages(of address: String) -> [PageMessage]? {
        guard let folders = try? mailbox(of: address) else { return nil }
        var messages = [PageMessage]()
        for folder in folders where folder.wellKnownName == "inbox" || folder.wellKnownName == "sentitems" {
            for message in folder.messages where !message.isDraft {
                guard let raw = try? rawMessage(message.id, in: address) else { continue }
                messages.append(
                    PageMessage(
                        id: message.id, threadID: message.conversationID, raw: raw, fallbackDate: Date(),
                        unread: !message.isRead, inInbox: folder.wellKnownName == "inbox",
                        inSent: folder.wellKnownName == "sentitems"))
            }
        }
        return messages.sorted { $0.date > $1.date }
    }
}
