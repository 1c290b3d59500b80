/// Whether a message came into the mailbox or went out of it.
public enum MessageDirection: String, Sendable, Hashable, CaseIterable {
    /// Received by the mailbox.
    case inbound
    /// Sent from the mailbox (its From is one of the mailbox's addresses, or it is in Sent).
    case outbound
}
