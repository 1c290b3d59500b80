import Foundation
import JobQueue
import Postgres
import Providers
import Store
import SyncCore

/// `mailsync reconcile`: compares the provider's messages of a connection's mailbox in a window
/// with the connection's message maps and sync decisions, and with `repair` enqueues a
/// `connection.repair` job that imports what is missing. Every listed message must have a
/// decision (drafts and spam, which the sync ignores, excepted), and every `synced` decision a
/// message map.
public struct Reconciler: Sendable {
    /// What a reconcile found.
    public struct Report: Sendable, Hashable {
        /// Messages the provider lists in the window.
        public var listed: Int
        /// Provider messages with no decision (and not ignored): the sync never looked at them.
        public var missing: [String]
        /// Provider messages decided `synced` that have no message map.
        public var syncedWithoutMap: [String]

        /// True when the CRM agrees with the mailbox.
        public var isClean: Bool { missing.isEmpty && syncedWithoutMap.isEmpty }

        /// One line per difference, then a summary line.
        public var lines: [String] {
            missing.map { "missing \($0)" } + syncedWithoutMap.map { "synced-without-map \($0)" } + [
                isClean
                    ? "no differences (\(listed) provider messages)"
                    : "\(missing.count + syncedWithoutMap.count) differences (\(listed) provider messages)"
            ]
        }
    }

    /// A reconcile's failure the operator must fix first.
    public struct Failure: Error, CustomStringConvertible {
        /// Why.
        public var description: String
    }

    let sync: MailboxSyncHandler

    /// Creates the reconciler; `sync` holds the store, queue, providers and tokens.
    public init(sync: MailboxSyncHandler) {
        self.sync = sync
    }

    /// Registers `connection.repair`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register("connection.repair") { job in
            let payload = try job.decodePayload(RepairPayload.self)
            do {
                _ = try await sync.importMessages(
                    payload.providerMessageIDs, mailboxID: payload.mailboxID, connectionID: payload.connectionID)
                return .succeeded
            } catch let error as ProviderError where error.code == .rateLimited {
                throw RetryLater(rateLimited: error)
            }
        }
    }

    /// Compares the last `days` days of the connection's mailbox with the CRM (no further back than
    /// the connection's creation less the sub-account's backfill window).
    public func reconcile(connectionID: UUID, days: Int) async throws -> Report {
        guard let route = try await sync.store.routing.connection(connectionID) else {
            throw Failure(description: "no connection \(connectionID)")
        }
        guard let target = try await sync.target(route.mailboxID, only: connectionID) else {
            throw Failure(description: "connection \(connectionID) is not active or its grant does not work")
        }
        let (connection, backfillDays) = try await sync.store.withTenant(route.scope) { tx in
            (try await tx.connections.get(connectionID), try await tx.subAccounts.current().backfillDays ?? 0)
        }
        // Mail older than the connection and its backfill window was never meant to sync.
        let covered = (connection?.createdAt ?? .distantPast).addingTimeInterval(-Double(backfillDays) * 86400)
        let now = Date()
        let window = DateInterval(start: max(now.addingTimeInterval(-Double(days) * 86400), covered), end: now)
        var listed = [ProviderMessageRef]()
        var pageToken: String?
        repeat {
            let token = pageToken
            let page = try await target.call { try await $0.listMessages(in: window, pageToken: token, access: $1) }
            listed += page.messages
            pageToken = page.nextPageToken
        } while pageToken != nil
        let ids = listed.map(\.id)
        let (decisions, mapped) = try await sync.store.withTenant(route.scope) { tx in
            (
                try await tx.syncDecisions.decisions(connectionID: connectionID, among: ids),
                try await tx.messages.mapped(connectionID: connectionID, among: ids)
            )
        }
        let undecided = listed.filter { decisions[$0.id] == nil }
        // Only the undecided are fetched, to leave out the drafts and spam the sync ignores.
        let looked = Set(try await sync.fetch(undecided, from: target).map(\.ref.id))
        return Report(
            listed: listed.count, missing: undecided.map(\.id).filter(looked.contains),
            syncedWithoutMap: ids.filter { decisions[$0] == "synced" && !mapped.contains($0) })
    }

    /// Enqueues the import of every difference of `report`; returns how many messages it covers.
    public func repair(_ report: Report, connectionID: UUID) async throws -> Int {
        let ids = report.missing + report.syncedWithoutMap
        guard !ids.isEmpty, let route = try await sync.store.routing.connection(connectionID) else { return 0 }
        let payload = RepairPayload(connectionID: connectionID, mailboxID: route.mailboxID, providerMessageIDs: ids)
        _ = try await sync.queue.enqueue([
            NewJob(
                kind: "connection.repair", fairnessKey: route.scope.subAccountID?.uuidString ?? route.mailboxID.uuidString,
                laneKey: SyncJobs.syncLane(route.mailboxID),
                payload: try PostgresJSON(encoding: payload))
        ])
        return ids.count
    }
}

/// The payload of `connection.repair`.
struct RepairPayload: Codable {
    var connectionID: UUID
    var mailboxID: UUID
    var providerMessageIDs: [String]
}
