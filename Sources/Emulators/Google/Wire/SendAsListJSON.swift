/// Response of `users.settings.sendAs.list`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.settings.sendAs#SendAs
struct SendAsListJSON: Encodable, Sendable {
    struct SendAs: Encodable, Sendable {
        var sendAsEmail: String
        var displayName: String?
        var replyToAddress: String?
        var signature: String?
        var isPrimary: Bool?
        var isDefault: Bool?
        var treatAsAlias: Bool?
        var verificationStatus: String?
    }

    var sendAs: [SendAs]
}
