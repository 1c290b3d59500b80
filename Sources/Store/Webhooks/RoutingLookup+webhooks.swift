import Foundation

extension RoutingLookup {
    /// A delivery lane whose oldest pending delivery is due.
    public struct WebhookLane: Sendable, Hashable {
        /// The endpoint's agency.
        public var agencyID: UUID
        /// The sub-account whose events the lane delivers.
        public var subAccountID: UUID
        /// The endpoint.
        public var endpointID: UUID
    }

    /// Lanes of enabled endpoints whose head is due, across tenants, most overdue first: what the
    /// webhook sweep wakes (`routing.webhook_due_lanes`).
    public func dueWebhookLanes(limit: Int = 1000) async throws -> [WebhookLane] {
        try await client.query(
            "SELECT agency_id, sub_account_id, endpoint_id FROM routing.webhook_due_lanes(\(limit)::integer)"
        ).decode((UUID, UUID, UUID).self).map { WebhookLane(agencyID: $0.0, subAccountID: $0.1, endpointID: $0.2) }
    }
}
