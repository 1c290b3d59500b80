import Foundation
import Postgres
import SyncCore

/// Pending "connect mailbox" authorizations of the scope's sub-account: the signed, single-use,
/// expiring OAuth state and the PKCE verifier sealed at rest.
///
/// The flow: ``create(userID:provider:verifier:returnURL:lifetime:)`` before the redirect; on the
/// callback ``RoutingLookup/consumeOAuthState(_:)`` finds the tenant and marks the state used,
/// then ``take(_:)`` in that tenant's scope reads the verifier and deletes the row.
public struct OAuthStateRepository: Sendable {
    /// What the callback needs from a consumed state.
    public struct Pending: Sendable, Hashable {
        /// The user who started the connect.
        public var userID: UUID
        /// The provider the user went to.
        public var provider: ProviderKind
        /// The PKCE code verifier, for the token request.
        public var verifier: SecretText
        /// Where to send the user afterwards.
        public var returnURL: String?
    }

    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Records a pending authorization and returns the `state` to send to the provider.
    public func create(
        userID: UUID, provider: ProviderKind, verifier: SecretText, returnURL: String?, lifetime: Duration = .seconds(600)
    ) async throws -> String {
        let subAccountID = try transaction.requireSubAccount()
        let id = UUID()
        let state = OAuthStateToken.generate(keyring: transaction.keyring)
        let sealed = try transaction.keyring.seal(verifier, for: EncryptedColumn.oauthStateVerifier.context(subAccountID, id))
        let seconds = Double(lifetime.components.seconds)
        try await transaction.connection.query(
            """
            INSERT INTO oauth_states (sub_account_id, id, user_id, provider, state_hash, pkce_verifier_ciphertext, return_url, expires_at)
            VALUES (\(subAccountID), \(id), \(userID), \(provider.rawValue), \(OAuthStateToken.hash(state)), \(sealed), \(returnURL),
                now() + make_interval(secs => \(seconds)))
            """)
        return state
    }

    /// Reads and deletes a state that ``RoutingLookup/consumeOAuthState(_:)`` consumed; nil
    /// for a state that was not consumed (or is already taken).
    public func take(_ id: UUID) async throws -> Pending? {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            """
            DELETE FROM oauth_states WHERE sub_account_id = \(subAccountID) AND id = \(id) AND consumed_at IS NOT NULL
            RETURNING user_id, provider, pkce_verifier_ciphertext, return_url
            """)
        guard let row = rows.first else { return nil }
        let sealed = try row.decode([UInt8].self, column: "pkce_verifier_ciphertext")
        return Pending(
            userID: try row.decode(UUID.self, column: "user_id"),
            provider: try row.decode(ProviderKind.self, column: "provider"),
            verifier: try transaction.keyring.open(sealed, for: EncryptedColumn.oauthStateVerifier.context(subAccountID, id)),
            returnURL: try row.decode(String?.self, column: "return_url"))
    }

    /// Deletes the sub-account's expired states; returns how many.
    public func deleteExpired() async throws -> Int {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "DELETE FROM oauth_states WHERE sub_account_id = \(subAccountID) AND expires_at <= now()"
        ).affectedRows
    }
}
