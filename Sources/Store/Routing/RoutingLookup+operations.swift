import Foundation
import Postgres
import SyncCore

extension RoutingLookup {
    /// A mailbox the scheduler has work for.
    public struct DueMailbox: Sendable, Hashable {
        /// The mailbox.
        public var mailboxID: UUID
        /// No sync finished within the poll period: poll it.
        public var needsPoll: Bool
        /// Its push subscription is missing or expires soon: renew it.
        public var needsPushRenewal: Bool
    }

    /// A connected connection whose access token expires soon.
    public struct ExpiringConnection: Sendable, Hashable {
        /// The connection's sub-account scope.
        public var scope: TenantScope
        /// The connection.
        public var connectionID: UUID
        /// Its mailbox.
        public var mailboxID: UUID
    }

    /// Mailboxes with a connected connection that are due for the safety-net poll (no finished
    /// sync for `pollAfter` seconds) or a push renewal (missing, or expiring within `renewBefore`).
    public func mailboxesDue(pollAfter: TimeInterval, renewBefore: TimeInterval) async throws -> [DueMailbox] {
        try await client.query(
            """
            SELECT mailbox_id, poll, renew_push FROM routing.mailboxes_due(
                make_interval(secs => \(pollAfter)), make_interval(secs => \(renewBefore)))
            """
        ).decode((UUID, Bool, Bool).self).map { DueMailbox(mailboxID: $0.0, needsPoll: $0.1, needsPushRenewal: $0.2) }
    }

    /// Connected connections whose access token expires within `within` seconds.
    public func connectionsExpiring(within: TimeInterval) async throws -> [ExpiringConnection] {
        try await client.query(
            """
            SELECT agency_id, sub_account_id, connection_id, mailbox_id
            FROM routing.connections_expiring(make_interval(secs => \(within)))
            """
        ).decode((UUID, UUID, UUID, UUID).self).map {
            ExpiringConnection(scope: .subAccount($0.1, of: $0.0), connectionID: $0.2, mailboxID: $0.3)
        }
    }
}

extension RoutingLookup {
    /// The tenant and mailbox of a connection named by its id alone (operator commands).
    public func connection(_ connectionID: UUID) async throws -> (scope: TenantScope, mailboxID: UUID)? {
        try await client.query(
            "SELECT agency_id, sub_account_id, mailbox_id FROM routing.connection_scope(\(connectionID))"
        ).decode((UUID, UUID, UUID).self).first.map { (scope: .subAccount($0.1, of: $0.0), mailboxID: $0.2) }
    }
}
