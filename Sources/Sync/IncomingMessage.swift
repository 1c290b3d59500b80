import Foundation
import Mail
import Providers
import SyncCore

/// One fetched mailbox message, parsed, with the identity the sync stores it under: its
/// Message-ID (or one derived from its provider ids) and fingerprint.
struct IncomingMessage: Sendable {
    /// Gmail labels and Graph folders whose messages the sync never looks at (drafts, spam).
    static let ignoredLabels: Set<String> = ["draft", "drafts", "spam", "junkemail"]

    let fetched: FetchedMessage
    let parsed: ParsedMessage
    let messageID: String
    let fingerprint: MessageFingerprint

    init(_ fetched: FetchedMessage, mailbox: Mailbox) {
        self.fetched = fetched
        parsed = MessageParser().parse(fetched.raw)
        messageID =
            parsed.messageID
            ?? MessageFingerprint.derivedMessageID(
                provider: mailbox.provider, providerAccountID: mailbox.providerAccountID,
                providerMessageID: fetched.message.id)
        fingerprint = MessageFingerprint(message: parsed, messageID: messageID)
    }

    /// The provider's ids.
    var ref: ProviderMessageRef { fetched.message }

    /// The Bcc recipients the mailbox holds: the provider's own list when it gives one, else the header.
    var bcc: [MailAddress] { fetched.ownCopyBcc.isEmpty ? parsed.bcc : fetched.ownCopyBcc }

    /// What the rules read.
    var facts: MessageFacts {
        MessageFacts(
            message: parsed, inSentFolder: fetched.state.isSent,
            bccRecipients: fetched.ownCopyBcc.isEmpty ? nil : fetched.ownCopyBcc)
    }

    /// Every participant address, lower case, once each: From, To, Cc, Bcc.
    var addresses: [String] {
        var seen = Set<String>()
        return (parsed.from + parsed.to + parsed.cc + bcc).map(\.normalized).filter { seen.insert($0).inserted }
    }

    /// Whether the message sits in drafts or spam, which the sync ignores.
    var isIgnored: Bool {
        fetched.state.labels.contains { Self.ignoredLabels.contains($0.lowercased()) }
    }
}
