import Foundation
import JobQueue
import Providers
import Store
import SyncCore

extension MailboxSyncHandler {
    /// Messages fetched and written per backfill slice, in one transaction.
    public static let backfillBatchSize = 50

    /// One slice of a new connection's backfill (the sub-account's `backfill_days`): the next
    /// ``backfillBatchSize`` messages of the window, newest first, written for that connection
    /// only, in one transaction with the backfill's position (`connection_backfills`). The window
    /// is fixed by the first slice; later mail comes with the cursor that the connect stored.
    /// Messages the connection already has are only updated, so a re-run slice duplicates nothing.
    /// Returns `.again` until the window is done.
    public func backfill(_ payload: BackfillPayload) async throws -> JobOutcome {
        let ref = payload.connection
        guard let target = try await target(payload.mailboxID, only: ref.connectionID) else { return .succeeded }
        let now = Date()
        let requested = DateInterval(
            start: now.addingTimeInterval(-Double(payload.days) * 24 * 60 * 60), end: now)
        let progress = try await store.withTenant(ref.scope) { tx in
            try await tx.backfills.start(connectionID: ref.connectionID, window: requested)
        }
        guard progress.finishedAt == nil else { return .succeeded }
        let token = progress.pageToken
        let page = try await target.call {
            try await $0.listMessages(in: progress.window, pageToken: token, access: $1)
        }
        let slice = Array(page.messages.dropFirst(progress.pageOffset).prefix(Self.backfillBatchSize))
        let pageDone = progress.pageOffset + slice.count >= page.messages.count
        let finished = pageDone && page.nextPageToken == nil
        let messages = try await fetch(slice, from: target)
        try await write(target, messages: messages, readStates: [], deleted: [], cursor: nil, isComplete: false) { tx in
            try await tx.withTenant(ref.scope) { scoped in
                try await scoped.backfills.advance(
                    connectionID: ref.connectionID, pageToken: pageDone ? page.nextPageToken : token,
                    pageOffset: pageDone ? 0 : progress.pageOffset + slice.count, written: slice.count,
                    finished: finished)
            }
        }
        return finished ? .succeeded : .again(reason: "next backfill slice")
    }
}

/// The payload of `mailbox.backfill` (see `SyncJobs.backfill`).
public struct BackfillPayload: Codable, Sendable {
    /// The new connection, the only one the backfill writes for.
    public var connection: ConnectionRef
    /// Its mailbox.
    public var mailboxID: UUID
    /// The window, in days before the backfill started.
    public var days: Int

    /// Creates a payload.
    public init(connection: ConnectionRef, mailboxID: UUID, days: Int) {
        self.connection = connection
        self.mailboxID = mailboxID
        self.days = days
    }
}
