/// One record of a mailbox's history: a single change to a single message.
struct HistoryEntry: Sendable {
    /// What changed.
    enum Change: Sendable {
        case messageAdded
        case messageDeleted
        case labelsAdded([String])
        case labelsRemoved([String])

        /// The `historyTypes` value that selects it.
        var typeName: String {
            switch self {
            case .messageAdded: "messageAdded"
            case .messageDeleted: "messageDeleted"
            case .labelsAdded: "labelAdded"
            case .labelsRemoved: "labelRemoved"
            }
        }
    }

    var id: UInt64
    var messageID: String
    var threadID: String
    /// The message's labels after the change.
    var labelsAfter: [String]
    var change: Change
}
