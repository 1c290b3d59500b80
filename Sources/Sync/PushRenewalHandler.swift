import Foundation
import JobQueue
import Logging
import Providers
import Store
import SyncCore

/// The `mailbox.renew_push` job: renews the mailbox's push subscription, or starts a new one when
/// it is gone (Graph `subscriptionRemoved`) or expired, through a connection with a working grant,
/// and records the new expiry. Graph's `reauthorizationRequired` and `subscriptionRemoved`
/// lifecycle notifications enqueue it.
public struct PushRenewalHandler: Sendable {
    let sync: MailboxSyncHandler
    let targets: PushTargets

    /// Creates the handler; `sync` finds the connection whose grant the provider call uses.
    public init(sync: MailboxSyncHandler, targets: PushTargets) {
        self.sync = sync
        self.targets = targets
    }

    /// Registers `mailbox.renew_push`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register("mailbox.renew_push") { job in
            let mailboxID = try job.decodePayload(MailboxPayload.self).mailboxID
            return try await sync.handlingProviderErrors(mailboxID) { try await renew(mailboxID: mailboxID) }
        }
    }

    /// Renews (or recreates) the mailbox's push and stores its subscription id and expiry.
    public func renew(mailboxID: UUID) async throws -> JobOutcome {
        guard let target = try await sync.target(mailboxID) else { return .succeeded }
        let mailbox = target.mailbox
        let pushTarget = targets.target(for: mailbox.provider, mailboxID: mailboxID)
        let current = mailbox.pushExpiresAt.flatMap { expiry in
            expiry > Date()
                ? PushSubscription(ids: mailbox.pushSubscriptionID.map { [$0] } ?? [], expiresAt: expiry, cursor: nil) : nil
        }
        let subscription = try await target.call { provider, access in
            if let current {
                try await provider.renewPush(current, target: pushTarget, access: access)
            } else {
                try await provider.startPush(pushTarget, access: access)
            }
        }
        try await sync.store.withTransaction { tx in
            try await tx.mailboxes.setPush(mailboxID, subscriptionID: subscription.ids.first, expiresAt: subscription.expiresAt)
        }
        return .succeeded
    }
}
