import Foundation
import Mail
import Store

/// The CRM threads a page's messages can resolve to (`ThreadResolver`'s keys: provider threads
/// and the Message-IDs they reply to or reference), read for the whole page in two queries and
/// kept current as the page's own messages are stored, so a reply later in the page finds the
/// thread its parent just got.
struct PageThreads {
    private var byProviderThread: [String: ThreadRepository.Found]
    private var byMessageID: [String: ThreadRepository.Found]

    /// Reads the threads every key of `messages` names, for one connection.
    static func load(_ messages: [IncomingMessage], connectionID: UUID, from threads: ThreadRepository)
        async throws -> PageThreads
    {
        var providerThreadIDs = Set<String>()
        var messageIDs = Set<String>()
        for message in messages {
            messageIDs.insert(message.messageID)
            for key in ThreadResolver.keys(for: message.parsed, providerThreadID: message.ref.threadID) {
                switch key {
                case .providerThread(let id): providerThreadIDs.insert(id)
                case .inReplyTo(let id), .reference(let id): messageIDs.insert(id)
                }
            }
        }
        return PageThreads(
            byProviderThread: providerThreadIDs.isEmpty
                ? [:] : try await threads.threads(connectionID: connectionID, providerThreadIDs: Array(providerThreadIDs)),
            byMessageID: messageIDs.isEmpty ? [:] : try await threads.threads(messageIDs: Array(messageIDs)))
    }

    /// The thread of the oldest stored message with this Message-ID.
    func thread(messageID: String) -> ThreadRepository.Found? {
        byMessageID[messageID]
    }

    /// The thread a message resolves to by its provider thread, In-Reply-To, then References.
    func resolve(_ message: IncomingMessage) async -> ThreadRepository.Found? {
        await ThreadResolver.resolve(
            message.parsed, providerThreadID: message.ref.threadID,
            threadForProviderThread: { byProviderThread[$0] }, threadForMessageID: { byMessageID[$0] }
        )?.thread
    }

    /// Records a message just stored in `thread`: its provider thread and Message-ID now lead
    /// there, unless they already led elsewhere (the first map and the oldest message win, as in
    /// the tables).
    mutating func stored(_ message: IncomingMessage, in thread: ThreadRepository.Found) {
        if let providerThreadID = message.ref.threadID, byProviderThread[providerThreadID] == nil {
            byProviderThread[providerThreadID] = thread
        }
        if byMessageID[message.messageID] == nil { byMessageID[message.messageID] = thread }
    }
}
