/// Response of `users.settings.sendAs.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.settings.sendAs/list
struct GmailSendAsList: Codable, Sendable, Hashable {
    /// `SendAs`: one address the mailbox sends as.
    struct SendAs: Codable, Sendable, Hashable {
        var sendAsEmail: String
        var displayName: String?
        var replyToAddress: String?
        var isPrimary: Bool?
        var isDefault: Bool?
        var treatAsAlias: Bool?
        /// `accepted` or `pending`; absent for the primary address.
        var verificationStatus: String?
    }

    var sendAs: [SendAs]?
}
