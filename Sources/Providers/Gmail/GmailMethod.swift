/// A Gmail API method the client calls, with its quota cost.
/// https://developers.google.com/workspace/gmail/api/reference/quota
struct GmailMethod: Sendable, Hashable {
    /// The method id without the `gmail.` prefix, e.g. `users.messages.get`.
    let name: String
    /// Quota units per call.
    let units: Int

    static let getProfile = GmailMethod(name: "users.getProfile", units: 1)
    static let sendAsList = GmailMethod(name: "users.settings.sendAs.list", units: 1)
    static let watch = GmailMethod(name: "users.watch", units: 100)
    static let stop = GmailMethod(name: "users.stop", units: 50)
    static let historyList = GmailMethod(name: "users.history.list", units: 2)
    static let messagesList = GmailMethod(name: "users.messages.list", units: 5)
    static let messagesGet = GmailMethod(name: "users.messages.get", units: 5)
    static let messagesSend = GmailMethod(name: "users.messages.send", units: 100)
    static let messagesModify = GmailMethod(name: "users.messages.modify", units: 5)
}
