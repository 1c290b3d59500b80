/// Finds the CRM thread a message belongs to, in the order SPEC.md fixes: the provider's thread
/// id first, then In-Reply-To, then References newest first. Never by subject.
///
/// The lookups are the caller's (a database query in the sync engine, a dictionary in tests).
///
/// ```swift
/// let match = try await ThreadResolver.resolve(
///     message, providerThreadID: gmailThreadID,
///     threadForProviderThread: { try await store.thread(providerThreadID: $0) },
///     threadForMessageID: { try await store.thread(messageID: $0) })
/// ```
public enum ThreadResolver {
    /// One key to look a thread up by, in resolution order.
    public enum Key: Sendable, Hashable {
        /// The provider's thread id (Gmail `threadId`, Graph `conversationId`).
        case providerThread(String)
        /// A Message-ID from In-Reply-To.
        case inReplyTo(String)
        /// A Message-ID from References.
        case reference(String)

        /// The id this key looks up.
        public var id: String {
            switch self {
            case .providerThread(let id), .inReplyTo(let id), .reference(let id): id
            }
        }
    }

    /// A resolved thread and the key that found it.
    public struct Match<Thread: Sendable>: Sendable {
        /// The CRM thread.
        public var thread: Thread
        /// Which key matched.
        public var matchedBy: Key
    }

    /// The lookup keys for `message`, in the order they must be tried; duplicates and the
    /// message's own Message-ID are left out.
    public static func keys(for message: ParsedMessage, providerThreadID: String?) -> [Key] {
        var keys = [Key]()
        if let providerThreadID, !providerThreadID.isEmpty { keys.append(.providerThread(providerThreadID)) }
        var seen = Set<String>()
        if let own = message.messageID { seen.insert(own) }
        for id in message.inReplyTo where seen.insert(id).inserted {
            keys.append(.inReplyTo(id))
        }
        for id in message.references.reversed() where seen.insert(id).inserted {
            keys.append(.reference(id))
        }
        return keys
    }

    /// The first thread any key finds, or nil when the message starts a new thread.
    public static func resolve<Thread: Sendable>(
        _ message: ParsedMessage,
        providerThreadID: String?,
        threadForProviderThread: (String) async throws -> Thread?,
        threadForMessageID: (String) async throws -> Thread?
    ) async rethrows -> Match<Thread>? {
        for key in keys(for: message, providerThreadID: providerThreadID) {
            let found: Thread?
            switch key {
            case .providerThread(let id): found = try await threadForProviderThread(id)
            case .inReplyTo(let id), .reference(let id): found = try await threadForMessageID(id)
            }
            if let found { return Match(thread: found, matchedBy: key) }
        }
        return nil
    }
}
