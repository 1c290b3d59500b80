import Foundation

/// A table column that holds sealed secrets, and the key columns that bind each value to its row.
///
/// ``all`` lists every such column: key rotation walks them, and a test checks that every
/// `*_ciphertext` column of the schema is listed, so a new secret column cannot be forgotten.
public struct EncryptedColumn: Sendable, Hashable, CustomStringConvertible {
    /// The table, in schema `public`.
    public let table: String
    /// The bytea column holding the envelope.
    public let column: String
    /// The row's primary key columns, tenant column first.
    public let keyColumns: [String]

    init(table: String, column: String, keyColumns: [String]) {
        self.table = table
        self.column = column
        self.keyColumns = keyColumns
    }

    /// `connections.access_token_ciphertext`.
    public static let connectionAccessToken = EncryptedColumn(
        table: "connections", column: "access_token_ciphertext", keyColumns: ["sub_account_id", "id"])
    /// `connections.refresh_token_ciphertext`.
    public static let connectionRefreshToken = EncryptedColumn(
        table: "connections", column: "refresh_token_ciphertext", keyColumns: ["sub_account_id", "id"])
    /// `email_provider_settings.secret_ciphertext` (the SMTP password).
    public static let emailProviderSecret = EncryptedColumn(
        table: "email_provider_settings", column: "secret_ciphertext", keyColumns: ["sub_account_id"])
    /// `oauth_states.pkce_verifier_ciphertext`.
    public static let oauthStateVerifier = EncryptedColumn(
        table: "oauth_states", column: "pkce_verifier_ciphertext", keyColumns: ["sub_account_id", "id"])
    /// `webhook_endpoints.secret_ciphertext` (an endpoint's signing secret).
    public static let webhookEndpointSecret = EncryptedColumn(
        table: "webhook_endpoints", column: "secret_ciphertext", keyColumns: ["agency_id", "id"])
    /// `secret_keys.check_value`: rotation leaves it alone (each key keeps its own).
    static let secretKeyCheck = EncryptedColumn(table: "secret_keys", column: "check_value", keyColumns: ["kid"])

    /// Every column that holds tenant secrets.
    public static let all: [EncryptedColumn] = [
        .connectionAccessToken, .connectionRefreshToken, .emailProviderSecret, .oauthStateVerifier,
        .webhookEndpointSecret,
    ]

    /// The context of this column's value in the row with these key values (UUIDs in any case).
    public func context(_ rowKey: UUID...) -> SecretContext {
        SecretContext(column: self, rowKey: rowKey.map { $0.uuidString.lowercased() })
    }

    public var description: String { "\(table).\(column)" }
}
