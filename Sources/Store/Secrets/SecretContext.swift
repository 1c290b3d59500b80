/// What a sealed secret is bound to: its column and its row's key.
///
/// It is the AES-GCM additional authenticated data, so a ciphertext copied into another column
/// or another row (another tenant's, say) does not open there.
public struct SecretContext: Sendable, Hashable {
    /// The column the secret is stored in.
    public let column: EncryptedColumn
    let rowKey: [String]

    /// The context of a value in `column` of the row whose key columns hold `rowKey` (as
    /// PostgreSQL prints them: lower-case UUIDs).
    public init(column: EncryptedColumn, rowKey: [String]) {
        self.column = column
        self.rowKey = rowKey
    }

    /// The context of a key's check value in `secret_keys`.
    static func checkValue(keyID: String) -> SecretContext {
        SecretContext(column: .secretKeyCheck, rowKey: [keyID])
    }

    var authenticatedData: [UInt8] {
        Array("mailsync/v1/\(column.table).\(column.column)/\(rowKey.joined(separator: "/"))".utf8)
    }
}
