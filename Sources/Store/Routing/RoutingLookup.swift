import Foundation
import Postgres
import SyncCore

/// Finds the tenant of a request that arrives before its tenant is known, through the
/// `routing.*` SECURITY DEFINER functions: each returns routing keys only (ids and flags).
///
/// ```swift
/// guard let route = try await store.routing.apiKey(bearerToken), !route.isRevoked else { throw unauthorized }
/// try await store.withTenant(.agency(route.agencyID)) { tx in ... }
/// ```
public struct RoutingLookup: Sendable {
    /// The agency an API key acts for.
    public struct APIKeyRoute: Sendable, Hashable {
        /// The key's agency.
        public var agencyID: UUID
        /// The key's id.
        public var apiKeyID: UUID
        /// True when the key was revoked: authenticate nothing.
        public var isRevoked: Bool
    }

    /// The pending connection an OAuth callback belongs to.
    public struct OAuthStateRoute: Sendable, Hashable {
        /// The sub-account scope the connect started in.
        public var scope: TenantScope
        /// The state row, for ``OAuthStateRepository/take(_:)``.
        public var stateID: UUID
        /// The user who started the connect.
        public var userID: UUID
    }

    /// One active connection of a mailbox.
    public struct ConnectionRoute: Sendable, Hashable {
        /// The connection's sub-account scope.
        public var scope: TenantScope
        /// The connection.
        public var connectionID: UUID
        /// The connected user.
        public var userID: UUID
    }

    let client: PostgresClient
    let keyring: Keyring

    init(client: PostgresClient, keyring: Keyring) {
        self.client = client
        self.keyring = keyring
    }

    /// The agency of an API key's text (`msk_...`); nil for an unknown key.
    public func apiKey(_ token: String) async throws -> APIKeyRoute? {
        let rows = try await client.query(
            "SELECT agency_id, api_key_id, revoked FROM routing.api_key(\(APIKeyToken.hash(token)))")
        return try rows.first.map { row in
            let (agencyID, id, revoked) = try row.decode((UUID, UUID, Bool).self)
            return APIKeyRoute(agencyID: agencyID, apiKeyID: id, isRevoked: revoked)
        }
    }

    /// Consumes an OAuth `state` (single use): its pending connection, or nil when the state's
    /// signature is wrong or it is unknown, expired or already used.
    public func consumeOAuthState(_ state: String) async throws -> OAuthStateRoute? {
        guard OAuthStateToken.verify(state, keyring: keyring) else { return nil }
        let rows = try await client.query(
            """
            SELECT agency_id, sub_account_id, oauth_state_id, user_id
            FROM routing.consume_oauth_state(\(OAuthStateToken.hash(state)))
            """)
        return try rows.first.map { row in
            let (agencyID, subAccountID, stateID, userID) = try row.decode((UUID, UUID, UUID, UUID).self)
            return OAuthStateRoute(scope: .subAccount(subAccountID, of: agencyID), stateID: stateID, userID: userID)
        }
    }

    /// The mailbox of a provider account (Google `sub`, Microsoft `oid`).
    public func mailbox(provider: ProviderKind, accountID: String) async throws -> UUID? {
        try await client.query(
            "SELECT mailbox_id FROM routing.mailbox_for_account(\(provider.rawValue), \(accountID))"
        ).decodeColumn(UUID.self).first
    }

    /// The mailboxes whose primary address is `address` (a Gmail push names only the address).
    public func mailboxes(provider: ProviderKind, address: String) async throws -> [UUID] {
        try await client.query(
            "SELECT mailbox_id FROM routing.mailboxes_for_address(\(provider.rawValue), \(address))"
        ).decodeColumn(UUID.self)
    }

    /// The mailbox of a Graph subscription id.
    public func mailbox(subscriptionID: String) async throws -> UUID? {
        try await client.query(
            "SELECT mailbox_id FROM routing.mailbox_for_subscription(\(subscriptionID))"
        ).decodeColumn(UUID.self).first
    }

    /// The mailbox's active connections with their tenants (a mailbox sync's fan-out).
    public func connections(mailboxID: UUID) async throws -> [ConnectionRoute] {
        try await client.query(
            "SELECT agency_id, sub_account_id, connection_id, user_id FROM routing.mailbox_connections(\(mailboxID))"
        ).decode((UUID, UUID, UUID, UUID).self).map { agencyID, subAccountID, connectionID, userID in
            ConnectionRoute(scope: .subAccount(subAccountID, of: agencyID), connectionID: connectionID, userID: userID)
        }
    }

    /// The sub-account of a sync BCC address (inbound BCC mail), case-insensitive.
    public func subAccount(bccAddress: String) async throws -> TenantScope? {
        try await client.query(
            "SELECT agency_id, sub_account_id FROM routing.sub_account_for_bcc(\(bccAddress))"
        ).decode((UUID, UUID).self).first.map { .subAccount($0.1, of: $0.0) }
    }
}
