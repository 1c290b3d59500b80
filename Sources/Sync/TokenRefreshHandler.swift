import Foundation
import JobQueue
import Logging
import Providers
import Store

/// The `token.refresh` job: refreshes a connection's access token before it expires (the
/// scheduler enqueues it), one at a time per connection. A refresh the provider rejects leaves
/// the connection `needs_reauth` (the token store records it) and stops its jobs: its sends, and
/// the mailbox's syncs when no other connection of the mailbox still has a working grant.
public struct TokenRefreshHandler: Sendable {
    let sync: MailboxSyncHandler

    /// Creates the handler; `sync` holds the store, queue, providers and token manager.
    public init(sync: MailboxSyncHandler) {
        self.sync = sync
    }

    /// Registers `token.refresh`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register("token.refresh") { job in
            try await refresh(try job.decodePayload(TokenRefreshPayload.self))
        }
    }

    /// Refreshes the token if it still expires within the token manager's margin.
    public func refresh(_ payload: TokenRefreshPayload) async throws -> JobOutcome {
        guard let mailbox = try await sync.store.withTransaction({ tx in try await tx.mailboxes.get(payload.mailboxID) }),
            let provider = sync.providers[mailbox.provider]
        else { return .succeeded }
        do {
            try await sync.tokens.refreshIfExpiring(payload.connection, provider: provider)
            return .succeeded
        } catch let error as ProviderError where error.code == .needsReauth {
            sync.logger.notice(
                "token refresh rejected; the connection needs re-authorization",
                metadata: ["connection": "\(payload.connection.connectionID)"])
            try await stopJobs(of: payload)
            return .succeeded
        } catch let error as ProviderError where error.code == .rateLimited {
            throw RetryLater(rateLimited: error)
        }
    }

    private func stopJobs(of payload: TokenRefreshPayload) async throws {
        _ = try await sync.queue.cancel(lane: SyncJobs.sendLane(payload.connection.connectionID))
        if try await sync.target(payload.mailboxID) == nil {
            _ = try await sync.queue.cancel(lane: SyncJobs.syncLane(payload.mailboxID))
        }
    }
}

/// The payload of `token.refresh` (see `SyncJobs.tokenRefresh`).
public struct TokenRefreshPayload: Codable, Sendable {
    /// The connection whose token is refreshed.
    public var connection: ConnectionRef
    /// Its mailbox (the provider, and the syncs stopped when no grant works).
    public var mailboxID: UUID

    /// Creates a payload.
    public init(connection: ConnectionRef, mailboxID: UUID) {
        self.connection = connection
        self.mailboxID = mailboxID
    }
}
