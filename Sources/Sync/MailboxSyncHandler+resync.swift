import Foundation
import JobQueue
import Providers
import Store
import SyncCore

extension MailboxSyncHandler {
    /// Re-lists the mailbox from its last synced time minus ``resyncMargin`` (SPEC "How it runs":
    /// the provider no longer accepts the cursor), without duplicates: messages a connection has
    /// mapped only have their state updated. The new cursor is read before listing, so changes
    /// made meanwhile come with the next sync; it is stored with the last batch, then a sync is
    /// enqueued. The listing (ids only) is read whole; messages are fetched and written in
    /// batches of ``resyncBatchSize``, one transaction each.
    public func resync(mailboxID: UUID) async throws -> JobOutcome {
        guard let target = try await target(mailboxID) else { return .succeeded }
        let cursor = try await target.call { try await $0.currentCursor(access: $1) }
        let now = Date()
        let start = (target.mailbox.lastSyncedAt ?? now.addingTimeInterval(-Self.resyncDefaultWindow))
            .addingTimeInterval(-Self.resyncMargin)
        // The end allows for clock skew between this host and the provider; no message is from the future.
        let window = DateInterval(start: start, end: now.addingTimeInterval(Self.resyncMargin))
        var refs = [ProviderMessageRef]()
        var pageToken: String?
        repeat {
            let token = pageToken
            let page = try await target.call { try await $0.listMessages(in: window, pageToken: token, access: $1) }
            refs += page.messages
            pageToken = page.nextPageToken
        } while pageToken != nil
        let oldestFirst = Array(refs.reversed())
        let batches = stride(from: 0, to: max(oldestFirst.count, 1), by: Self.resyncBatchSize).map {
            Array(oldestFirst[$0..<min($0 + Self.resyncBatchSize, oldestFirst.count)])
        }
        for (index, batch) in batches.enumerated() {
            let isLast = index == batches.count - 1
            try await write(
                target, messages: try await fetch(batch, from: target), readStates: [], deleted: [],
                cursor: isLast ? cursor : nil, isComplete: isLast)
        }
        _ = try await queue.enqueue([SyncJobs.sync(mailboxID: mailboxID)])
        return .succeeded
    }
}
