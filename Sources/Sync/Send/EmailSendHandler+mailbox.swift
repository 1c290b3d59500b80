import Foundation
import JobQueue
import Mail
import Providers
import Store
import SyncCore

extension EmailSendHandler {
    /// A mailbox send: the connection it goes through (the user's current one), its mailbox and
    /// provider, and the provider thread a reply joins.
    struct MailboxPlan {
        let outgoing: Outgoing
        let connection: SyncCore.Connection
        let mailbox: Mailbox
        let provider: any MailProvider
        let providerThreadID: String?

        var ref: ConnectionRef { ConnectionRef(scope: outgoing.scope, connectionID: connection.id) }
    }

    /// The plan of a mailbox send; nil after failing the row when the user has no working connection.
    func mailboxPlan(_ outgoing: Outgoing, in tx: TenantTransaction) async throws -> MailboxPlan? {
        var current: SyncCore.Connection?
        if let id = outgoing.entry.connectionID { current = try await tx.connections.get(id) }
        while let connection = current, connection.status == .superseded, let next = connection.supersededBy {
            current = try await tx.connections.get(next)
        }
        let reason: String
        switch current?.status {
        case .connected?:
            if let connection = current, let mailbox = try await tx.mailboxes.get(connection.mailboxID),
                let provider = providers[mailbox.provider]
            {
                let thread =
                    outgoing.stored.inReplyTo.isEmpty
                    ? nil
                    : try await tx.threads.providerThread(
                        connectionID: connection.id, threadID: outgoing.stored.threadID)
                return MailboxPlan(
                    outgoing: outgoing, connection: connection, mailbox: mailbox, provider: provider,
                    providerThreadID: thread)
            }
            reason = "The mailbox's provider is not configured in this worker."
        case .needsReauth?:
            reason = Self.reconnectReason
        default:
            reason = "The user's mailbox was disconnected before the email was sent."
        }
        try await tx.outbox.markFailed(outgoing.entry.id, error: reason)
        return nil
    }

    static let reconnectReason = "The mailbox needs to be connected again; the email was not sent."

    /// One attempt through the mailbox.
    func sendThroughMailbox(_ plan: MailboxPlan, attempt: Int) async throws -> JobOutcome {
        let outgoing = plan.outgoing
        let from = MailAddress(displayName: outgoing.stored.from?.name, address: plan.mailbox.address)
        let composed = try composer.compose(outgoing.stored, from: from, listUnsubscribe: outgoing.listUnsubscribe)
        do {
            if outgoing.entry.state == .sending || outgoing.entry.attempts > 0 || attempt > 1,
                let found = try await call(
                    plan, { try await $0.findMessage(messageID: composed.built.messageID, access: $1) })
            {
                try await record(found, of: plan, composed: composed, from: from)
                return .succeeded
            }
            guard try await startSending(plan) else {
                throw RetryLater(
                    after: .seconds(
                        max(1, DailySendLimits.nextUTCDay(after: Date()).timeIntervalSinceNow.rounded(.up))),
                    reason: "the mailbox's daily sending limit is reached")
            }
            let request = SendRequest(
                raw: composed.built.bytes, messageID: composed.built.messageID, threadID: plan.providerThreadID)
            let sent = try await call(plan) { try await $0.send(request, access: $1) }
            try await record(sent.message, of: plan, composed: composed, from: from)
            return .succeeded
        } catch let error as ProviderError {
            switch error.code {
            case .rateLimited:
                try await note(outgoing, "The provider asked to slow down; the email is sent later.")
                throw RetryLater(rateLimited: error)
            case .needsReauth, .insufficientScope:
                try await fail(outgoing, Self.reconnectReason)
                return .succeeded
            case .permanent, .notFound:
                try await fail(outgoing, "The provider refused the email (\(error.providerCode ?? "\(error.code)")).")
                return .succeeded
            default:
                try await note(outgoing, "The provider could not be reached (\(error.code)); retrying.")
                throw error
            }
        }
    }

    /// Marks the row `sending` and, once, counts the mail against the mailbox's day: bulk mail
    /// only within the provider's daily limit. False when the limit holds the mail back.
    private func startSending(_ plan: MailboxPlan) async throws -> Bool {
        let entry = plan.outgoing.entry
        let recipients = plan.outgoing.stored.to.count + plan.outgoing.stored.cc.count + plan.outgoing.stored.bcc.count
        let limit = entry.kind == .bulk ? settings.dailyLimits.limit(for: plan.mailbox.provider) : nil
        return try await store.withTenant(plan.outgoing.scope) { tx in
            if !entry.isCounted {
                guard try await tx.mailboxes.reserveSend(plan.mailbox.id, recipients: recipients, limit: limit) else {
                    try await tx.outbox.recordError(
                        entry.id,
                        message: "The mailbox's daily sending limit is reached; the email waits for the next day (UTC)."
                    )
                    return false
                }
                try await tx.outbox.markCounted(entry.id)
            }
            try await tx.outbox.markSending(entry.id, connectionID: plan.connection.id)
            return true
        }
    }

    /// Records the sent copy in one transaction: thread and message maps, the decision for the
    /// copy, the sender when the send moved to the user's new connection, `sent`, `message.sent`.
    private func record(
        _ copy: ProviderMessageRef, of plan: MailboxPlan, composed: OutgoingComposer.Composed, from: MailAddress
    )
        async throws
    {
        let outgoing = plan.outgoing
        let stored = outgoing.stored
        let connectionID = plan.connection.id
        try await store.withTenant(outgoing.scope) { tx in
            if let threadID = copy.threadID {
                try await tx.threads.map(connectionID: connectionID, providerThreadID: threadID, to: stored.threadID)
            }
            try await tx.messages.map(
                connectionID: connectionID, providerMessageID: copy.id, providerThreadID: copy.threadID, to: stored.id)
            if stored.from?.address.lowercased() != from.normalized {
                try await tx.messages.changeSender(
                    stored.id, from: MailAddressText(address: from.address, name: from.displayName),
                    fingerprint: composed.fingerprint.key, connectionID: connectionID)
            }
            let plan = SyncPlan(
                direction: .outbound, reason: .crmSend, contactIDs: [], newContacts: [], attachments: [],
                unsyncedAttachments: [])
            try await tx.syncDecisions.record(
                connectionID: connectionID, providerMessageID: copy.id, messageID: stored.messageID,
                decision: .sync(plan), addresses: [from.normalized] + stored.to + stored.cc + stored.bcc)
            try await tx.outbox.markSent(
                outgoing.entry.id, connectionID: connectionID, providerMessageID: copy.id,
                providerThreadID: copy.threadID)
            try await tx.events.append(
                MessageSent.eventType,
                payload: MessageSent(
                    messageID: stored.id, threadID: stored.threadID, outboxID: outgoing.entry.id,
                    sender: SenderChoice.Sender.mailbox.rawValue, connectionID: connectionID,
                    providerMessageID: copy.id))
        }
    }

    /// One provider call with the connection's current token.
    private func call<T: Sendable>(
        _ plan: MailboxPlan, _ body: @escaping @Sendable (any MailProvider, MailboxAccess) async throws -> T
    ) async throws -> T {
        let provider = plan.provider
        do {
            return try await tokens.withAccess(for: plan.ref, provider: provider) { try await body(provider, $0) }
        } catch let error as ProviderError {
            ProviderErrorMetrics.count(error, provider: plan.mailbox.provider)
            throw error
        }
    }
}
