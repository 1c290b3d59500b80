import Foundation
import Postgres
import SyncCore

/// The scope's sub-account-level email provider (SMTP), with its password sealed at rest.
public struct EmailProviderSettingsRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// The settings, or nil when the sub-account has none.
    public func get() async throws -> EmailProviderSettings? {
        let subAccountID = try transaction.requireSubAccount()
        guard
            let row = try await transaction.connection.query(
                """
                SELECT kind, host, port, tls_mode, username, sending_domain, default_from_address, default_from_name
                FROM email_provider_settings WHERE sub_account_id = \(subAccountID)
                """
            ).first
        else { return nil }
        return EmailProviderSettings(
            kind: try row.decode(EmailProviderSettings.Kind.self, column: "kind"),
            host: try row.decode(String.self, column: "host"),
            port: try row.decode(Int.self, column: "port"),
            tlsMode: try row.decode(EmailProviderSettings.TLSMode.self, column: "tls_mode"),
            username: try row.decode(String?.self, column: "username"),
            sendingDomain: try row.decode(String.self, column: "sending_domain"),
            defaultFromAddress: try row.decode(String.self, column: "default_from_address"),
            defaultFromName: try row.decode(String?.self, column: "default_from_name"))
    }

    /// Creates or replaces the settings; the stored password is kept.
    public func save(_ settings: EmailProviderSettings) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.query(
            """
            INSERT INTO email_provider_settings
                (sub_account_id, kind, host, port, tls_mode, username, sending_domain, default_from_address, default_from_name)
            VALUES (\(subAccountID), \(settings.kind.rawValue), \(settings.host), \(settings.port), \(settings.tlsMode.rawValue),
                \(settings.username), \(settings.sendingDomain), \(settings.defaultFromAddress), \(settings.defaultFromName))
            ON CONFLICT (sub_account_id) DO UPDATE SET kind = EXCLUDED.kind, host = EXCLUDED.host, port = EXCLUDED.port,
                tls_mode = EXCLUDED.tls_mode, username = EXCLUDED.username, sending_domain = EXCLUDED.sending_domain,
                default_from_address = EXCLUDED.default_from_address, default_from_name = EXCLUDED.default_from_name,
                updated_at = now()
            """)
    }

    /// Seals and stores the SMTP password (nil deletes it); the settings must exist.
    public func setSecret(_ secret: SecretText?) async throws {
        let subAccountID = try transaction.requireSubAccount()
        let sealed = try secret.map {
            try transaction.keyring.seal($0, for: EncryptedColumn.emailProviderSecret.context(subAccountID))
        }
        try await transaction.connection.changeOne(
            """
            UPDATE email_provider_settings SET secret_ciphertext = \(sealed), updated_at = now()
            WHERE sub_account_id = \(subAccountID)
            """, of: "email_provider_settings")
    }

    /// The SMTP password, opened; nil when none is stored.
    public func secret() async throws -> SecretText? {
        let subAccountID = try transaction.requireSubAccount()
        let rows = try await transaction.connection.query(
            "SELECT secret_ciphertext FROM email_provider_settings WHERE sub_account_id = \(subAccountID)")
        guard let sealed = try rows.first?.decode([UInt8]?.self, at: 0) else { return nil }
        return try transaction.keyring.open(sealed, for: EncryptedColumn.emailProviderSecret.context(subAccountID))
    }

    /// Deletes the settings and their password; false when there were none.
    public func delete() async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "DELETE FROM email_provider_settings WHERE sub_account_id = \(subAccountID)"
        ).affectedRows == 1
    }
}
