import Mail

/// One account's mailbox: messages, threads, and a history that grows with every change, with
/// gaps between ids (as Gmail's do) and a floor below which it has expired.
struct EmulatedMailbox: Sendable {
    private(set) var messages: [String: EmulatedMessage] = [:]
    /// Message ids in the order they arrived.
    private(set) var arrivalOrder: [String] = []
    /// Thread id to the normalized subject of its first message.
    private(set) var threadSubjects: [String: String] = [:]
    private(set) var history: [HistoryEntry] = []
    /// The id of the latest history record (the mailbox's current history id).
    private(set) var historyID: UInt64
    /// `startHistoryId` values below this answer 404: the history before it has expired.
    private(set) var historyFloor: UInt64
    private var nextMessageNumber: UInt64
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        historyID = 100_000 + generator.next() % 900_000
        historyFloor = 0
        nextMessageNumber = 0x18c0_0000_0000_0000 + (generator.next() % 0x1_0000_0000)
    }

    /// Adds a message: parses it, threads it, records `messageAdded`.
    mutating func add(raw: [UInt8], labels: Set<String>, internalDate: Int64, requestedThread: String?)
        -> EmulatedMessage
    {
        let parsed = MessageParser().parse(raw)
        let subject = GmailThreading.normalizedSubject(parsed.subject ?? "")
        let id = String(nextMessageNumber, radix: 16)
        nextMessageNumber += 1 + generator.next() % 7
        let thread =
            GmailThreading.thread(
                requested: requestedThread, referencedIDs: parsed.inReplyTo + parsed.references, subject: subject,
                threadSubject: { threadSubjects[$0] },
                threadOfMessageID: { messageID in
                    messages.values.first { $0.messageIDHeader?.lowercased() == messageID.lowercased() }?.threadID
                }) ?? id
        if threadSubjects[thread] == nil { threadSubjects[thread] = subject }
        let addresses = (parsed.from + parsed.to + parsed.cc + parsed.bcc).map(\.normalized)
        var message = EmulatedMessage(
            id: id, threadID: thread, raw: raw, labels: labels, internalDate: internalDate, historyID: 0,
            messageIDHeader: parsed.messageID, subject: parsed.subject ?? "", snippet: Self.snippet(of: parsed.textBody ?? parsed.htmlBody ?? ""),
            addresses: Set(addresses))
        message.historyID = record(message, .messageAdded)
        messages[id] = message
        arrivalOrder.append(id)
        return message
    }

    /// Adds and removes labels; records one `labelAdded` and one `labelRemoved` for real changes.
    /// Returns nil for an unknown message.
    mutating func modify(_ id: String, add: [String], remove: [String]) -> EmulatedMessage? {
        guard var message = messages[id] else { return nil }
        let added = add.filter { !message.labels.contains($0) }
        let removed = remove.filter { message.labels.contains($0) && !add.contains($0) }
        message.labels.formUnion(added)
        message.labels.subtract(removed)
        if !added.isEmpty { message.historyID = record(message, .labelsAdded(Array(Set(added)).sorted())) }
        if !removed.isEmpty { message.historyID = record(message, .labelsRemoved(Array(Set(removed)).sorted())) }
        messages[id] = message
        return message
    }

    /// Deletes a message for good; records `messageDeleted`. Returns whether it existed.
    mutating func delete(_ id: String) -> Bool {
        guard let message = messages.removeValue(forKey: id) else { return false }
        arrivalOrder.removeAll { $0 == id }
        _ = record(message, .messageDeleted)
        return true
    }

    /// Forgets all history up to now: older start ids then answer 404.
    mutating func expireHistory() {
        historyFloor = historyID
        history.removeAll()
    }

    /// Keeps at most `limit` history records; older start ids answer 404.
    mutating func trimHistory(keeping limit: Int) {
        guard history.count > limit else { return }
        let dropped = history.prefix(history.count - limit)
        history.removeFirst(dropped.count)
        historyFloor = max(historyFloor, dropped.last?.id ?? historyFloor)
    }

    private mutating func record(_ message: EmulatedMessage, _ change: HistoryEntry.Change) -> UInt64 {
        historyID += 1 + generator.next() % 5
        history.append(
            HistoryEntry(
                id: historyID, messageID: message.id, threadID: message.threadID, labelsAfter: message.sortedLabels,
                change: change))
        return historyID
    }

    /// Gmail's `snippet`: the body's first 100 characters with runs of whitespace as one space.
    /// Reads only as far as it needs (bodies can be megabytes).
    static func snippet(of body: String, length: Int = 100) -> String {
        var snippet = ""
        var count = 0
        var spacePending = false
        for character in body {
            if character.isWhitespace {
                spacePending = count > 0
                continue
            }
            if spacePending {
                snippet.append(" ")
                count += 1
                spacePending = false
            }
            guard count < length else { break }
            snippet.append(character)
            count += 1
        }
        return snippet
    }
}

/// A small deterministic generator (SplitMix64), so each mailbox's ids and gaps are repeatable
/// (and the benchmarks' generated mail).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator; the same seed gives the same sequence.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

}
