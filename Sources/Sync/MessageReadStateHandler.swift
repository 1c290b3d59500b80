import Foundation
import JobQueue
import Postgres
import Providers
import Store
import SyncCore

/// The `message.set_read` job (SPEC rule 10): marks one connection's mailbox copies of a CRM
/// message read or unread, as the CRM row says when the job runs. The CRM never deletes or moves
/// mailbox mail; this is the only change it makes there.
///
/// The job runs in the connection's send lane, so it never waits behind a mailbox sync. It reads
/// the state from the row (share-locked: a change being committed is waited for), so a burst of
/// toggles ends in the last state; once applied it closes the CRM's read request, until which the
/// sync ignores the provider's (older) read-state changes of the message. It is unique per connection, message and requested state: a
/// toggle that arrives while a job for the same state runs can only coalesce into that job after
/// the opposite state's job was queued behind it, and that one reads the row again.
///
/// ```swift
/// try await queue.enqueue([MessageReadStateHandler.job(connection: ref, messageID: id, isRead: true)], on: tx.connection)
/// ```
public struct MessageReadStateHandler: Sendable {
    /// The job kind.
    public static let kind = "message.set_read"

    let sync: MailboxSyncHandler

    /// Creates the handler; it shares the sync engine's store, providers and token manager.
    public init(sync: MailboxSyncHandler) {
        self.sync = sync
    }

    /// The job that applies the message's read state to the connection's mailbox; `isRead` is the
    /// state just stored, which only makes the unique key (the job reads the row when it runs).
    public static func job(connection: ConnectionRef, messageID: UUID, isRead: Bool) -> NewJob {
        let state = isRead ? "read" : "unread"
        return NewJob(
            kind: kind, fairnessKey: connection.scope.subAccountID?.uuidString ?? connection.connectionID.uuidString,
            laneKey: SyncJobs.sendLane(connection.connectionID),
            uniqueKey: "\(kind):\(connection.connectionID.uuidString):\(messageID.uuidString):\(state)",
            payload: (try? PostgresJSON(encoding: Payload(connection: connection, messageID: messageID)))
                ?? PostgresJSON(text: "{}"))
    }

    /// Registers `message.set_read`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register(Self.kind) { job in
            let payload = try job.decodePayload(Payload.self)
            return try await apply(connection: payload.connection, messageID: payload.messageID)
        }
    }

    /// Marks the connection's copies of the message as the row says. A connection no longer
    /// connected, or a message gone from the mailbox (`notFound`), is nothing to do; a rejected
    /// grant stops (the token store marked the connection); a rate limit retries when asked.
    public func apply(connection: ConnectionRef, messageID: UUID) async throws -> JobOutcome {
        guard let work = try await work(connection: connection, messageID: messageID),
            let provider = sync.providers[work.provider]
        else { return .succeeded }
        let tokens = sync.tokens
        return try await sync.handlingProviderErrors(work.mailboxID) {
            for copy in work.copies {
                do {
                    try await tokens.withAccess(for: connection, provider: provider) { access in
                        try await provider.setRead(work.isRead, message: copy, access: access)
                    }
                } catch let error as ProviderError {
                    ProviderErrorMetrics.count(error, provider: work.provider)
                    guard error.code == .notFound else { throw error }
                }
            }
            if let requestedAt = work.requestedAtMicros {
                try await sync.store.withTenant(connection.scope) { tx in
                    try await tx.messages.closeReadRequest(messageID, requestedAtMicros: requestedAt)
                }
            }
            return .succeeded
        }
    }

    /// What the job has to do: the state to apply and the connection's copies, or nil when the
    /// connection is not connected or the message is gone.
    private func work(connection: ConnectionRef, messageID: UUID) async throws -> Work? {
        try await sync.store.withTenant(connection.scope) { tx in
            guard let stored = try await tx.connections.get(connection.connectionID), stored.status == .connected,
                let mailbox = try await tx.mailboxes.get(stored.mailboxID),
                let state = try await tx.messages.lockedReadState(messageID)
            else { return nil }
            let copies = try await tx.messages.copies(of: messageID, connectionID: connection.connectionID)
            return Work(
                mailboxID: mailbox.id, provider: mailbox.provider, isRead: state.isRead,
                requestedAtMicros: state.requestedAtMicros,
                copies: copies.map { ProviderMessageRef(id: $0.messageID, threadID: $0.threadID) })
        }
    }

    private struct Work: Sendable {
        var mailboxID: UUID
        var provider: SyncCore.ProviderKind
        var isRead: Bool
        var requestedAtMicros: Int64?
        var copies: [ProviderMessageRef]
    }

    private struct Payload: Codable {
        var connection: ConnectionRef
        var messageID: UUID
    }
}
