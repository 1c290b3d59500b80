import Foundation
import SyncCore

/// What a send request created: per recipient the sender chosen and the CRM message queued, and
/// the recipients left out.
public struct SendReceipt: Sendable, Hashable, Codable {
    /// One recipient's mail.
    public struct Queued: Sendable, Hashable, Codable {
        /// The recipient's contact.
        public var contactID: UUID
        /// The recipient's address.
        public var address: String
        /// The CRM message that carries it (shared by the recipients of one single email).
        public var messageID: UUID
        /// The CRM thread.
        public var threadID: UUID
        /// The outbox row.
        public var outboxID: UUID
        /// `mailbox` or `sub_account_provider`.
        public var sender: String
        /// The SenderChoice reason code.
        public var senderReason: String
        /// The connection whose mailbox sends (mailbox sender).
        public var connectionID: UUID?
        /// The From address the mail carries.
        public var from: String
    }

    /// A recipient left out.
    public struct Skipped: Sendable, Hashable, Codable {
        /// The recipient's contact.
        public var contactID: UUID
        /// The recipient's address.
        public var address: String
        /// Why: `unsubscribed` (bulk mail to a contact who unsubscribed from it).
        public var reason: String
    }

    /// The recipients whose mail is queued.
    public var queued: [Queued]
    /// The recipients left out.
    public var skipped: [Skipped]

    /// The CRM messages created, in order, once each.
    public var messageIDs: [UUID] {
        var seen = Set<UUID>()
        return queued.map(\.messageID).filter { seen.insert($0).inserted }
    }
}
