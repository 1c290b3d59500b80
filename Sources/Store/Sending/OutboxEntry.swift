import Foundation
import SyncCore

/// One CRM send as the outbox holds it: what was chosen at request time and how far it got.
public struct OutboxEntry: Sendable, Hashable, Identifiable {
    /// Where a send stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Written with its CRM message; no provider call yet.
        case queued
        /// A provider call was (about to be) made; a retry looks the Message-ID up first.
        case sending
        /// The provider accepted it; its ids are recorded.
        case sent
        /// It will not be sent (`lastError` says why).
        case failed
    }

    /// The outbox row's id.
    public var id: UUID
    /// The sub-account it belongs to.
    public var subAccountID: UUID
    /// The CRM message it sends.
    public var messageID: UUID
    /// Single, bulk or workflow.
    public var kind: SenderChoice.Kind
    /// Which row of the sender table applied.
    public var reason: SenderChoice.Reason
    /// The acting user.
    public var userID: UUID?
    /// The connection chosen at request time (mailbox sends only).
    public var connectionID: UUID?
    /// The connection the mail went out through.
    public var sentConnectionID: UUID?
    /// The bulk recipient, for List-Unsubscribe.
    public var contactID: UUID?
    /// Where the send stands.
    public var state: State
    /// Provider calls attempted so far.
    public var attempts: Int
    /// The last failure in plain words.
    public var lastError: String?
    /// Whether the mail already counts against a day's send limit.
    public var isCounted: Bool
    /// The provider's ids of the sent copy.
    public var providerMessageID: String?, providerThreadID: String?

    /// The sender table's answer.
    public var sender: SenderChoice.Sender { reason.sender }

    /// Creates an entry value.
    public init(
        id: UUID, subAccountID: UUID, messageID: UUID, kind: SenderChoice.Kind, reason: SenderChoice.Reason,
        userID: UUID?, connectionID: UUID?, sentConnectionID: UUID? = nil, contactID: UUID?, state: State = .queued,
        attempts: Int = 0, lastError: String? = nil, isCounted: Bool = false, providerMessageID: String? = nil,
        providerThreadID: String? = nil
    ) {
        self.id = id
        self.subAccountID = subAccountID
        self.messageID = messageID
        self.kind = kind
        self.reason = reason
        self.userID = userID
        self.connectionID = connectionID
        self.sentConnectionID = sentConnectionID
        self.contactID = contactID
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.isCounted = isCounted
        self.providerMessageID = providerMessageID
        self.providerThreadID = providerThreadID
    }
}
