import Foundation
import Postgres

/// The copies posted to a sub-account's BCC or bounce address and the decision for each (rule 9):
/// ids, reason and addresses, never subjects or bodies.
public struct BCCCopyRepository: Sendable {
    let transaction: TenantTransaction

    init(_ transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// Records a copy's decision (`synced` or `skipped`) and reason, and the CRM message it
    /// concerns, if any.
    public func record(
        messageID: String, decision: String, reason: String, addresses: [String], crmMessageID: UUID?
    ) async throws {
        let subAccountID = try transaction.requireSubAccount()
        let lowered = PostgresTextArray(addresses.map { $0.lowercased() })
        try await transaction.connection.query(
            """
            INSERT INTO bcc_copies (sub_account_id, message_id_header, decision, reason, addresses, message_id)
            VALUES (\(subAccountID), \(messageID), \(decision), \(reason), \(lowered), \(crmMessageID))
            """)
    }
}

extension TenantTransaction {
    /// Copies posted to the sub-account's BCC and bounce addresses.
    public var bccCopies: BCCCopyRepository { BCCCopyRepository(self) }
}

extension MessageRepository {
    /// Whether a message with this fingerprint key is stored.
    public func exists(fingerprint: String) async throws -> Bool {
        let subAccountID = try transaction.requireSubAccount()
        return try await transaction.connection.query(
            "SELECT EXISTS (SELECT 1 FROM messages WHERE sub_account_id = \(subAccountID) AND fingerprint = \(fingerprint))"
        ).single().decode(Bool.self, at: 0)
    }
}
