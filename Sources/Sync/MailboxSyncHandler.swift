import Foundation
import JobQueue
import Logging
import Providers
import Store
import SyncCore

/// The `mailbox.sync`, `mailbox.resync` and `mailbox.backfill` jobs: read a mailbox's changes once through one
/// connection with a working grant, and write each active connection's share, the events and the
/// advanced cursor in one transaction.
///
/// `mailbox.sync` walks `changes(since:)` one bounded page per slice: when more pages follow, the
/// job asks for its next slice at once (`.again`; a new job cannot be enqueued while this one
/// runs, since the sync job is unique per mailbox). Slices are not attempts, so a walk of any
/// length finishes; the cursor of every finished page is stored with its page.
///
/// ```swift
/// var handlers = JobHandlers()
/// MailboxSyncHandler(store: store, queue: queue, providers: providers, tokens: tokens, logger: logger)
///     .register(in: &handlers)
/// ```
public struct MailboxSyncHandler: Sendable {
    /// How far before the last synced time a resync lists messages again.
    public static let resyncMargin: TimeInterval = 60 * 60
    /// The window a resync lists when the mailbox never finished a sync.
    public static let resyncDefaultWindow: TimeInterval = 7 * 24 * 60 * 60
    /// Messages fetched and written per transaction during a resync.
    public static let resyncBatchSize = 50

    let store: Store
    let queue: JobQueue
    let providers: ProviderRegistry
    let tokens: TokenManager<PostgresTokenStore>
    let logger: Logger

    /// Creates the handler.
    public init(
        store: Store, queue: JobQueue, providers: ProviderRegistry, tokens: TokenManager<PostgresTokenStore>,
        logger: Logger
    ) {
        self.store = store
        self.queue = queue
        self.providers = providers
        self.tokens = tokens
        self.logger = logger
    }

    /// Registers `mailbox.sync`, `mailbox.resync` and `mailbox.backfill`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register("mailbox.sync") { job in
            let mailboxID = try job.decodePayload(MailboxPayload.self).mailboxID
            return try await handlingProviderErrors(mailboxID) { try await sync(mailboxID: mailboxID) }
        }
        handlers.register("mailbox.resync") { job in
            let mailboxID = try job.decodePayload(MailboxPayload.self).mailboxID
            return try await handlingProviderErrors(mailboxID) { try await resync(mailboxID: mailboxID) }
        }
        handlers.register("mailbox.backfill") { job in
            let payload = try job.decodePayload(BackfillPayload.self)
            return try await handlingProviderErrors(payload.mailboxID) { try await backfill(payload) }
        }
    }

    /// Syncs one page of the mailbox's changes after its cursor (a mailbox without a cursor is resynced).
    /// Provider errors are thrown as they are; the registered job maps them to outcomes.
    public func sync(mailboxID: UUID) async throws -> JobOutcome {
        guard let target = try await target(mailboxID) else { return .succeeded }
        let positions = try await store.withTransaction { tx in try await tx.mailboxes.cursors(mailboxID) }
        guard !positions.isEmpty else { return try await resync(mailboxID: mailboxID) }
        let page: MailboxChanges
        do {
            page = try await target.call {
                try await $0.changes(since: MailboxCursor(positions: positions), access: $1)
            }
        } catch let error as ProviderError where error.code == .cursorExpired {
            logger.notice("cursor expired; resyncing", metadata: ["mailbox": "\(mailboxID)"])
            _ = try await queue.enqueue([SyncJobs.resync(mailboxID: mailboxID)])
            return .succeeded
        }
        let known = try await mappedEverywhere(page.changed.filter { $0.state != nil }, in: target)
        let messages = try await fetch(
            page.changed.filter { !known.contains($0.message.id) }.map(\.message), from: target)
        try await write(
            target, messages: messages, states: page.changed.filter { known.contains($0.message.id) },
            readStates: page.readStateChanges, deleted: page.deleted, cursor: page.nextCursor,
            isComplete: page.isComplete)
        return page.isComplete ? .succeeded : .again(reason: "next page of changes")
    }

    /// The mailbox with its active connections (or only `connectionID`, when given) and the
    /// connection whose grant the provider calls use.
    func target(_ mailboxID: UUID, only connectionID: UUID? = nil) async throws -> SyncTarget? {
        guard let mailbox = try await store.withTransaction({ tx in try await tx.mailboxes.get(mailboxID) }),
            let provider = providers[mailbox.provider]
        else { return nil }
        let routes = try await store.routing.connections(mailboxID: mailboxID).filter {
            connectionID == nil || $0.connectionID == connectionID
        }
        for route in routes {
            let ref = ConnectionRef(scope: route.scope, connectionID: route.connectionID)
            do {
                _ = try await tokens.access(for: ref, provider: provider)
            } catch let error as ProviderError where error.code == .needsReauth {
                continue
            }
            return SyncTarget(mailbox: mailbox, routes: routes, provider: provider, access: ref, tokens: tokens)
        }
        logger.notice("no connection of the mailbox has a working grant", metadata: ["mailbox": "\(mailboxID)"])
        return nil
    }

    /// The changed messages that carry their state and that every active connection has mapped:
    /// their state is all that changed for the CRM, so they are not fetched again.
    func mappedEverywhere(_ changed: [ChangedMessage], in target: SyncTarget) async throws -> Set<String> {
        let ids = changed.map(\.message.id)
        guard !ids.isEmpty else { return [] }
        return try await store.withTransaction { tx in
            var known = Set(ids)
            for route in target.routes {
                known.formIntersection(
                    try await tx.withTenant(route.scope) { scoped in
                        try await scoped.messages.mapped(connectionID: route.connectionID, among: ids)
                    })
            }
            return known
        }
    }

    /// Fetches messages in one batch, oldest change first; messages gone meanwhile are left out.
    func fetch(_ refs: [ProviderMessageRef], from target: SyncTarget) async throws -> [IncomingMessage] {
        guard !refs.isEmpty else { return [] }
        let results = try await target.call { try await $0.fetchMessages(refs, access: $1) }
        var messages = [IncomingMessage]()
        for ref in refs {
            guard let result = results[ref.id] else { continue }
            switch result {
            case .success(let fetched): messages.append(IncomingMessage(fetched, mailbox: target.mailbox))
            case .failure(let error) where error.code == .notFound: continue
            case .failure(let error): throw error
            }
        }
        return messages.filter { !$0.isIgnored }
    }

    /// One transaction: every active connection's share, in its own tenant scope, then the cursor
    /// (when given), for a finished walk the time of the last sync, and `progress` (the position
    /// of a walk that keeps its own). `states` are changes of mapped messages that were not
    /// fetched again.
    func write(
        _ target: SyncTarget, messages: [IncomingMessage], states: [ChangedMessage] = [],
        readStates: [ReadStateChange], deleted: [ProviderMessageRef], cursor: MailboxCursor?, isComplete: Bool,
        progress: (@Sendable (StoreTransaction) async throws -> Void)? = nil
    ) async throws {
        // A fetched message's state is current; a change record's may predate a later read change,
        // so read changes are applied after it.
        let fetchedIDs = Set(messages.map(\.ref.id))
        let now = Date()
        try await store.withTransaction { tx in
            for route in target.routes {
                try await tx.withTenant(route.scope) { scoped in
                    guard
                        let writer = try await ConnectionShareWriter.open(
                            scoped, connectionID: route.connectionID, mailbox: target.mailbox)
                    else { return }
                    try await writer.write(messages)
                    for change in states {
                        try await writer.updateState(
                            providerMessageID: change.message.id, isRead: change.state?.isRead,
                            isTrashed: change.state?.isTrashed)
                    }
                    for change in readStates where !fetchedIDs.contains(change.message.id) {
                        try await writer.updateState(
                            providerMessageID: change.message.id, isRead: change.isRead, isTrashed: nil)
                    }
                    for gone in deleted {
                        try await writer.updateState(providerMessageID: gone.id, isRead: nil, isTrashed: true)
                    }
                    if isComplete { try await scoped.connections.recordSync(route.connectionID, at: now) }
                }
            }
            if let cursor {
                let old = try await tx.mailboxes.cursors(target.mailbox.id)
                for (stream, position) in cursor.positions {
                    try await tx.mailboxes.setCursor(target.mailbox.id, folderID: stream, to: position)
                }
                for stream in old.keys where cursor[stream] == nil {
                    try await tx.mailboxes.deleteCursor(target.mailbox.id, folderID: stream)
                }
            }
            if isComplete { try await tx.mailboxes.recordSync(target.mailbox.id, at: now) }
            try await progress?(tx)
        }
    }

    /// Turns the provider errors that end a job into outcomes: a rate limit waits as long as the
    /// provider asks; a rejected grant stops (the token store has marked the connection).
    func handlingProviderErrors(_ mailboxID: UUID, _ body: () async throws -> JobOutcome) async throws
        -> JobOutcome
    {
        do {
            return try await body()
        } catch let error as ProviderError {
            switch error.code {
            case .rateLimited:
                throw RetryLater(rateLimited: error)
            case .needsReauth:
                logger.notice("the provider rejected the grant; sync stops", metadata: ["mailbox": "\(mailboxID)"])
                return .succeeded
            default:
                throw error
            }
        }
    }
}

/// The payload of the mailbox jobs.
struct MailboxPayload: Decodable {
    var mailboxID: UUID
}
