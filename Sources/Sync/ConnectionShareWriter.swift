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

    /// Decides and writes a page of messages; one this connection already mapped only has its
    /// state updated. What every message needs to be decided (its mapping, contacts, threads) is
    /// read for the whole page at once, and its decisions and maps are written in one statement
    /// each: a page costs a handful of round trips plus those of the messages that sync.
    func write(_ messages: [IncomingMessage]) async throws {
        let mapped = try await transaction.messages.mapped(connectionID: connection.id, among: messages.map(\.ref.id))
        var seen = Set<String>()
        var unmapped = [IncomingMessage]()
        for message in messages where seen.insert(message.ref.id).inserted {
            guard mapped.contains(message.ref.id) else {
                unmapped.append(message)
                continue
            }
            let state = message.fetched.state
            try await updateState(providerMessageID: message.ref.id, isRead: state.isRead, isTrashed: state.isTrashed)
        }
        guard !unmapped.isEmpty else { return }
        var threads = try await PageThreads.load(unmapped, connectionID: connection.id, from: transaction.threads)
        var contacts = try await transaction.contacts.find(emails: Array(Set(unmapped.flatMap(\.addresses))))
        var decisions = [(providerMessageID: String, messageID: String, decision: SyncDecision, addresses: [String])]()
        var messageMaps = [(providerMessageID: String, providerThreadID: String?, messageID: UUID)]()
        var threadMaps = [(providerThreadID: String, threadID: UUID)]()
        for message in unmapped {
            let thread = await threads.resolve(message)
            let addresses = Set(message.addresses)
            let context = SyncContext(
                connection: connection, mailbox: mailbox, subAccount: subAccount,
                contacts: contacts.filter { addresses.contains($0.email.lowercased()) }, userAddresses: userAddresses,
                thread: thread?.origin)
            let decision = SyncRules.decide(message.facts, in: context)
            decisions.append((message.ref.id, message.messageID, decision, message.addresses))
            if case .skip(.deliveryReport) = decision {
                try await BounceRecorder(transaction: transaction).record(message.parsed)
            }
            guard let plan = decision.plan else { continue }
            let known = thread ?? threads.thread(messageID: message.messageID)
            let stored = try await store(message, plan: plan, threadID: known?.id)
            threads.stored(message, in: try await storedThread(stored, known: known, message: message))
            if !plan.newContacts.isEmpty {
                contacts += try await transaction.contacts.find(emails: plan.newContacts.map(\.email))
            }
            if let providerThreadID = message.ref.threadID { threadMaps.append((providerThreadID, stored.threadID)) }
            messageMaps.append((message.ref.id, message.ref.threadID, stored.messageID))
        }
        try await transaction.syncDecisions.record(connectionID: connection.id, decisions)
        try await transaction.threads.map(connectionID: connection.id, threadMaps)
        try await transaction.messages.map(connectionID: connection.id, messageMaps)
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

    /// The thread a message was stored in, with its origin: the known one, a new mailbox thread,
    /// or (when another connection stored the message first) read back.
    private func storedThread(_ stored: CRMMessageWriter.Stored, known: ThreadRepository.Found?, message: IncomingMessage)
        async throws -> ThreadRepository.Found
    {
        if let known, known.id == stored.threadID { return known }
        if known == nil, stored.createdThread { return ThreadRepository.Found(id: stored.threadID, origin: .mailbox) }
        return try await transaction.threads.thread(messageID: message.messageID)
            ?? ThreadRepository.Found(id: stored.threadID, origin: .mailbox)
    }

    private func store(_ message: IncomingMessage, plan: SyncPlan, threadID known: UUID?) async throws
        -> CRMMessageWriter.Stored
    {
        try await CRMMessageWriter(transaction: transaction).store(
            message.parsed, messageID: message.messageID, fingerprint: message.fingerprint, plan: plan,
            threadID: known, source: .mailbox, bcc: message.bcc, isRead: message.fetched.state.isRead,
            isTrashed: message.fetched.state.isTrashed, connectionID: connection.id)
    }
}
