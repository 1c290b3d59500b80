import Foundation
import Mail
import Store
import SyncCore

/// Writes one connection's share of a mailbox page inside the page's transaction, scoped to the
/// connection's sub-account: a decision for every message it has not mapped yet, the CRM rows of
/// those that sync (thread, message once per fingerprint, attachments, maps, conversations,
/// contacts created by rule 4, events), bounces of CRM-sent mail, and the provider's read and
/// trash state for mapped ones.
struct ConnectionShareWriter {
    let transaction: TenantTransaction
    let connection: SyncCore.Connection
    let mailbox: Mailbox
    let subAccount: SubAccount
    let userAddresses: [String]

    /// The writer of a connection, or nil when the connection is gone from its sub-account.
    static func open(_ transaction: TenantTransaction, connectionID: UUID, mailbox: Mailbox) async throws
        -> ConnectionShareWriter?
    {
        guard let connection = try await transaction.connections.get(connectionID) else { return nil }
        return ConnectionShareWriter(
            transaction: transaction, connection: connection, mailbox: mailbox,
            subAccount: try await transaction.subAccounts.current(),
            userAddresses: try await transaction.users.members().map(\.email))
    }

    /// Decides and writes one message; a message this connection already mapped only has its state updated.
    func write(_ message: IncomingMessage) async throws {
        let state = message.fetched.state
        if try await transaction.messages.mapped(connectionID: connection.id, providerMessageID: message.ref.id) != nil
        {
            try await updateState(providerMessageID: message.ref.id, isRead: state.isRead, isTrashed: state.isTrashed)
            return
        }
        let thread = try await resolveThread(of: message)
        let context = SyncContext(
            connection: connection, mailbox: mailbox, subAccount: subAccount,
            contacts: try await transaction.contacts.find(emails: message.addresses), userAddresses: userAddresses,
            thread: thread?.origin)
        let decision = SyncRules.decide(message.facts, in: context)
        try await transaction.syncDecisions.record(
            connectionID: connection.id, providerMessageID: message.ref.id, messageID: message.messageID,
            decision: decision, addresses: message.addresses)
        if case .skip(.deliveryReport) = decision {
            try await BounceRecorder(transaction: transaction).record(message.parsed)
        }
        guard let plan = decision.plan else { return }
        let stored = try await transaction.threads.thread(messageID: message.messageID)
        try await store(message, plan: plan, threadID: thread?.id ?? stored?.id)
    }

    /// Reflects a read or trash change (nil leaves it) on the message this connection mapped, if any.
    func updateState(providerMessageID: String, isRead: Bool?, isTrashed: Bool?) async throws {
        guard
            let messageID = try await transaction.messages.updateState(
                connectionID: connection.id, providerMessageID: providerMessageID, isRead: isRead, isTrashed: isTrashed)
        else { return }
        try await transaction.events.append(
            MessageStateChanged.eventType,
            payload: MessageStateChanged(messageID: messageID, connectionID: connection.id))
    }

    /// The CRM thread the message belongs to, which the rules read: by provider thread,
    /// In-Reply-To, then References (`ThreadResolver`). A message that syncs without one joins the
    /// thread of the same message stored from another connection, or a new thread.
    private func resolveThread(of message: IncomingMessage) async throws -> ThreadRepository.Found? {
        let threads = transaction.threads
        let connectionID = connection.id
        return try await ThreadResolver.resolve(
            message.parsed, providerThreadID: message.ref.threadID,
            threadForProviderThread: { try await threads.thread(connectionID: connectionID, providerThreadID: $0) },
            threadForMessageID: { try await threads.thread(messageID: $0) }
        )?.thread
    }

    private func store(_ message: IncomingMessage, plan: SyncPlan, threadID known: UUID?) async throws {
        let stored = try await CRMMessageWriter(transaction: transaction).store(
            message.parsed, messageID: message.messageID, fingerprint: message.fingerprint, plan: plan,
            threadID: known, source: .mailbox, bcc: message.bcc, isRead: message.fetched.state.isRead,
            isTrashed: message.fetched.state.isTrashed, connectionID: connection.id)
        if let providerThreadID = message.ref.threadID {
            try await transaction.threads.map(
                connectionID: connection.id, providerThreadID: providerThreadID, to: stored.threadID)
        }
        try await transaction.messages.map(
            connectionID: connection.id, providerMessageID: message.ref.id, providerThreadID: message.ref.threadID,
            to: stored.messageID)
    }
}
