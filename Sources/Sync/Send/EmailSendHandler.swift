import Foundation
import JobQueue
import Logging
import Mail
import Providers
import Store
import SyncCore

/// The `email.send` job: sends one outbox row exactly once, through the acting user's current
/// connection or the sub-account's provider.
///
/// Mailbox sends: an attempt that may follow a provider call (the row says `sending`, or this is
/// not the first attempt) first looks the Message-ID up in the mailbox and records the copy it
/// finds instead of sending again. Otherwise the row is marked `sending` (and the mail counted
/// against the mailbox's day), the provider sends (a reply into the provider thread the CRM
/// thread maps to), and the message and thread maps, the decision for the sent copy (`crm_send`),
/// the `sent` state and `message.sent` are written in one transaction, so the sync finds the
/// sent copy already mapped. A send queued for a connection that was superseded goes out through
/// the user's current one. Rate limits retry after the provider's delay; a rejected grant or a
/// refused message fails the row with the reason; bulk mail past the daily limit waits for the
/// next UTC day.
///
/// ```swift
/// var handlers = JobHandlers()
/// EmailSendHandler(store: store, providers: providers, tokens: tokens, settings: settings,
///                  mailer: smtp, logger: logger).register(in: &handlers)
/// ```
public struct EmailSendHandler: Sendable {
    /// The job kind.
    public static let kind = "email.send"

    let store: Store
    let providers: ProviderRegistry
    let tokens: TokenManager<PostgresTokenStore>
    let settings: SendSettings
    let composer: OutgoingComposer
    let mailer: (any SubAccountMailer)?
    let logger: Logger

    /// Creates the handler; without a `mailer`, sends through the sub-account provider fail with
    /// that reason.
    public init(
        store: Store, providers: ProviderRegistry, tokens: TokenManager<PostgresTokenStore>, settings: SendSettings,
        mailer: (any SubAccountMailer)?, logger: Logger
    ) {
        self.store = store
        self.providers = providers
        self.tokens = tokens
        self.settings = settings
        composer = OutgoingComposer(settings: settings, keyring: store.keyring)
        self.mailer = mailer
        self.logger = logger
    }

    /// Creates the handler over the sync engine's store, providers and token manager.
    public init(sync: MailboxSyncHandler, settings: SendSettings, mailer: (any SubAccountMailer)?) {
        self.init(
            store: sync.store, providers: sync.providers, tokens: sync.tokens, settings: settings, mailer: mailer,
            logger: sync.logger)
    }

    /// Registers `email.send`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register(Self.kind) { job in try await send(job) }
    }

    /// Runs one attempt of an `email.send` job.
    public func send(_ job: Job) async throws -> JobOutcome {
        let payload = try job.decodePayload(SendPayload.self)
        guard let plan = try await prepare(payload) else { return .succeeded }
        switch plan {
        case .mailbox(let mailbox): return try await sendThroughMailbox(mailbox, attempt: job.attempt)
        case .subAccount(let subAccount): return try await sendThroughSubAccount(subAccount)
        }
    }

    /// What one attempt works with, read in one transaction.
    enum Plan {
        case mailbox(MailboxPlan)
        case subAccount(SubAccountPlan)
    }

    /// The common part of a plan: the row, its message and its List-Unsubscribe.
    struct Outgoing {
        let scope: TenantScope
        let entry: OutboxEntry
        let stored: OutgoingContent
        let listUnsubscribe: [String]
    }

    /// The outbox row with what it needs; nil (after failing the row when it cannot be sent) when
    /// there is nothing to do.
    func prepare(_ payload: SendPayload) async throws -> Plan? {
        try await store.withTenant(payload.scope) { tx -> Plan? in
            guard let entry = try await tx.outbox.get(payload.outboxID),
                entry.state == .queued || entry.state == .sending,
                let stored = try await tx.messages.stored(entry.messageID)
            else { return nil }
            let subAccount = try await tx.subAccounts.current()
            var unsubscribe = [String]()
            if entry.kind == .bulk, let contactID = entry.contactID {
                unsubscribe = try composer.listUnsubscribe(
                    scope: tx.scope, contactID: contactID, bccAddress: subAccount.bccAddress)
            }
            let outgoing = Outgoing(scope: tx.scope, entry: entry, stored: stored, listUnsubscribe: unsubscribe)
            switch entry.sender {
            case .mailbox:
                return try await mailboxPlan(outgoing, in: tx).map(Plan.mailbox)
            case .subAccountProvider:
                return try await subAccountPlan(outgoing, subAccount: subAccount, in: tx).map(Plan.subAccount)
            }
        }
    }

    /// Fails a row with the reason shown to the CRM.
    func fail(_ outgoing: Outgoing, _ reason: String) async throws {
        logger.notice(
            "a CRM send failed", metadata: ["outbox": "\(outgoing.entry.id)", "reason": "\(reason)"])
        try await store.withTenant(outgoing.scope) { tx in
            try await tx.outbox.markFailed(outgoing.entry.id, error: reason)
        }
    }

    /// Notes why an attempt will be retried.
    func note(_ outgoing: Outgoing, _ reason: String) async throws {
        try await store.withTenant(outgoing.scope) { tx in
            try await tx.outbox.recordError(outgoing.entry.id, message: reason)
        }
    }
}
