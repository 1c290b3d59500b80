import Crypto
import Foundation
import Mail
import SyncCore

/// The token of a bulk mail's List-Unsubscribe link: the contact and its sub-account, signed with
/// an HMAC under a key derived from the keyring, so the public endpoint checks it without a
/// database read and no link can be made for another contact.
///
/// Text form: `<base64url(agency ‖ sub-account ‖ contact)>.<base64url(HMAC-SHA256)>.<key id>` (the
/// MAC covers the ids and the key id; key ids may hold dots, so they come last).
/// It does not expire: a mail read months later must still unsubscribe.
public struct UnsubscribeToken: Sendable, Hashable {
    private static let info = Array("mailsync bulk unsubscribe v1".utf8)

    /// The contact's agency and sub-account.
    public var scope: TenantScope
    /// The contact who unsubscribes.
    public var contactID: UUID

    /// Creates a token value.
    public init(scope: TenantScope, contactID: UUID) {
        self.scope = scope
        self.contactID = contactID
    }

    /// The signed text, under the keyring's current key (URL-safe).
    public func signed(with keyring: Keyring) throws -> String {
        guard let subAccountID = scope.subAccountID else { throw StoreError(.subAccountRequired) }
        let payload = Base64URL.encode(Self.bytes(scope.agencyID) + Self.bytes(subAccountID) + Self.bytes(contactID))
        let key = keyring.current
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(payload).\(key.id)".utf8), using: Self.signingKey(key))
        return payload + "." + Base64URL.encode(Array(mac)) + "." + key.id
    }

    /// The token's contact when the signature verifies under a key of the keyring; nil otherwise.
    public static func verify(_ text: String, keyring: Keyring) -> UnsubscribeToken? {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let ids = Base64URL.decode(parts[0]), ids.count == 48,
            let key = keyring.key(id: String(parts[2])), let mac = Base64URL.decode(parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: Array("\(parts[0]).\(parts[2])".utf8), using: signingKey(key))
        else { return nil }
        return UnsubscribeToken(
            scope: .subAccount(uuid(ids[16..<32]), of: uuid(ids[0..<16])), contactID: uuid(ids[32..<48]))
    }

    private static func signingKey(_ key: Keyring.Key) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key.material, info: info, outputByteCount: 32)
    }

    private static func bytes(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }

    private static func uuid(_ bytes: ArraySlice<UInt8>) -> UUID {
        let b = Array(bytes)
        return UUID(
            uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
        )
    }
}
