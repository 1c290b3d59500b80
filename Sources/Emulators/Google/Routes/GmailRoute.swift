/// The Gmail API methods the emulator serves, recognised from method and path (after
/// `/gmail/v1/users/{userId}/`), with the scopes that allow each (from Google's discovery
/// document).
/// https://developers.google.com/workspace/gmail/api/reference/rest
enum GmailRoute: Sendable, Equatable {
    case getProfile, sendAsList, watch, stop, historyList, messagesList, messagesSend
    case messagesGet(String), messagesModify(String), messagesTrash(String), messagesUntrash(String)
    case messagesDelete(String)

    init?(method: String, path: [String]) {
        switch (method, path) {
        case ("GET", ["profile"]): self = .getProfile
        case ("GET", ["settings", "sendAs"]): self = .sendAsList
        case ("POST", ["watch"]): self = .watch
        case ("POST", ["stop"]): self = .stop
        case ("GET", ["history"]): self = .historyList
        case ("GET", ["messages"]): self = .messagesList
        case ("POST", ["messages", "send"]): self = .messagesSend
        case ("GET", let p) where p.count == 2 && p[0] == "messages": self = .messagesGet(p[1])
        case ("DELETE", let p) where p.count == 2 && p[0] == "messages": self = .messagesDelete(p[1])
        case ("POST", let p) where p.count == 3 && p[0] == "messages" && p[2] == "modify": self = .messagesModify(p[1])
        case ("POST", let p) where p.count == 3 && p[0] == "messages" && p[2] == "trash": self = .messagesTrash(p[1])
        case ("POST", let p) where p.count == 3 && p[0] == "messages" && p[2] == "untrash":
            self = .messagesUntrash(p[1])
        default: return nil
        }
    }

    /// The method id, e.g. `gmail.users.messages.get` (faults are injected by it).
    var methodID: String {
        switch self {
        case .getProfile: "gmail.users.getProfile"
        case .sendAsList: "gmail.users.settings.sendAs.list"
        case .watch: "gmail.users.watch"
        case .stop: "gmail.users.stop"
        case .historyList: "gmail.users.history.list"
        case .messagesList: "gmail.users.messages.list"
        case .messagesSend: "gmail.users.messages.send"
        case .messagesGet: "gmail.users.messages.get"
        case .messagesModify: "gmail.users.messages.modify"
        case .messagesTrash: "gmail.users.messages.trash"
        case .messagesUntrash: "gmail.users.messages.untrash"
        case .messagesDelete: "gmail.users.messages.delete"
        }
    }

    /// Any one of these scopes allows the call.
    var allowedScopes: Set<String> {
        let base = "https://www.googleapis.com/auth/gmail."
        let full = "https://mail.google.com/"
        switch self {
        case .getProfile:
            return [full, base + "modify", base + "readonly", base + "metadata", base + "compose"]
        case .watch, .stop, .historyList, .messagesList, .messagesGet:
            return [full, base + "modify", base + "readonly", base + "metadata"]
        case .sendAsList:
            return [full, base + "modify", base + "readonly", base + "settings.basic"]
        case .messagesSend:
            return [full, base + "modify", base + "compose", base + "send", base + "addons.current.action.compose"]
        case .messagesModify, .messagesTrash, .messagesUntrash:
            return [full, base + "modify"]
        case .messagesDelete:
            return [full]
        }
    }
}
