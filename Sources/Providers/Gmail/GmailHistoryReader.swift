/// Turns Gmail history records into provider-neutral changes: added messages and label changes
/// become `changed` (with the labels the record carries), the UNREAD label becomes read-state
/// changes, deleted messages become `deleted`. A message deleted later in the same page is only
/// reported as deleted; for the rest, the last state seen wins.
enum GmailHistoryReader {
    static func read(_ records: [GmailHistoryRecord]) -> MailboxChanges {
        var changed = OrderedLast<ChangedMessage>()
        var readStates = OrderedLast<ReadStateChange>()
        var deleted = OrderedLast<ProviderMessageRef>()
        for record in records.sorted(by: { $0.id < $1.id }) {
            for entry in record.messagesAdded ?? [] {
                changed.put(
                    entry.message.id, ChangedMessage(message: entry.message.reference, state: state(entry.message)))
            }
            for entry in record.labelsAdded ?? [] {
                noteLabels(entry, added: true, changed: &changed, readStates: &readStates)
            }
            for entry in record.labelsRemoved ?? [] {
                noteLabels(entry, added: false, changed: &changed, readStates: &readStates)
            }
            for entry in record.messagesDeleted ?? [] {
                deleted.put(entry.message.id, entry.message.reference)
            }
        }
        let gone = Set(deleted.keys)
        return MailboxChanges(
            changed: changed.values(excluding: gone), deleted: deleted.values(excluding: []),
            readStateChanges: readStates.values(excluding: gone), nextCursor: MailboxCursor(positions: [:]),
            isComplete: true)
    }

    /// The neutral state of a message from its label ids; nil when the record carried none.
    static func state(_ message: GmailMessage) -> MessageState? {
        message.labelIds.map(state(labels:))
    }

    static func state(labels: [String]) -> MessageState {
        MessageState(
            labels: labels, isRead: !labels.contains("UNREAD"), isSent: labels.contains("SENT"),
            isTrashed: labels.contains("TRASH"))
    }

    private static func noteLabels(
        _ entry: GmailHistoryRecord.LabelEntry, added: Bool, changed: inout OrderedLast<ChangedMessage>,
        readStates: inout OrderedLast<ReadStateChange>
    ) {
        let message = entry.message
        if entry.labelIds.contains("UNREAD") {
            readStates.put(message.id, ReadStateChange(message: message.reference, isRead: !added))
        }
        if entry.labelIds.contains(where: { $0 != "UNREAD" }) {
            changed.put(message.id, ChangedMessage(message: message.reference, state: state(message)))
        }
    }
}

/// Values keyed by id, keeping for each id its last value, in the order of those last values.
struct OrderedLast<Value> {
    private var sequence = 0
    private var latest: [String: (sequence: Int, value: Value)] = [:]

    var keys: [String] { Array(latest.keys) }

    mutating func put(_ key: String, _ value: Value) {
        latest[key] = (sequence, value)
        sequence += 1
    }

    func values(excluding excluded: Set<String>) -> [Value] {
        latest.filter { !excluded.contains($0.key) }.values.sorted { $0.sequence < $1.sequence }.map(\.value)
    }
}
