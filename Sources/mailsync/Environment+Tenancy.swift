import Store

extension Environment {
    /// Operator database (`mailsync_admin`, BYPASSRLS), for `mailsync admin`.
    var adminDatabaseURL: String { self["MAILSYNC_ADMIN_DATABASE_URL"] ?? "" }

    /// The keyring that seals secrets at rest: `kid:base64key[,kid:base64key...]`, first key current.
    var secretKeys: String? { self["MAILSYNC_SECRET_KEYS"] }

    /// The domain of new sub-accounts' sync BCC addresses.
    var bccDomain: String { self["MAILSYNC_BCC_DOMAIN"] ?? BCCAddress.defaultDomain }
}
