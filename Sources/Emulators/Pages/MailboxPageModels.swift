import Foundation

/// The values the mailbox page templates render (stored properties only: Mustache reads them by
/// reflection).
enum MailboxPageModels {
    struct Account: Sendable {
        var address: String
        var href: String
    }

    struct AccountGroup: Sendable {
        var name: String
        var accounts: [Account]
    }

    struct Index: Sendable {
        var groups: [AccountGroup]
    }

    struct Missing: Sendable {
        var address: String
    }

    struct Tab: Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    struct Message: Sendable {
        var id: String
        var from: String
        var to: String
        var subject: String
        var iso: String
        var date: String
        var snippet: String
        var unread: Bool
        var canReply: Bool
        /// For sent mail: the recipient who can answer it from the page ("reply as the contact").
        var recipient: String?
    }

    struct Thread: Sendable {
        var subject: String
        var messages: [Message]
    }

    struct Mailbox: Sendable {
        var providerName: String
        var address: String
        var action: String
        var view: String
        var tabs: [Tab]
        var heading: String
        var notice: String?
        var messages: [Message]
        var threads: [Thread]
        var isThreads: Bool
        var isEmpty: Bool

        init(provider: MailboxProvider, address: String, view: String, messages: [PageMessage], notice: String?) {
            let views = [("inbox", "Inbox"), ("sent", "Sent"), ("threads", "Threads")]
            let view = views.contains { $0.0 == view } ? view : "inbox"
            let href = MailboxPages.href(provider, address)
            providerName = provider.name
            self.address = address
            action = href
            self.view = view
            tabs = views.map { Tab(label: $0.1, href: "\(href)?view=\($0.0)", current: $0.0 == view) }
            heading = views.first { $0.0 == view }?.1 ?? "Inbox"
            self.notice = notice
            let shown = messages.filter { view == "threads" || (view == "sent" ? $0.inSent : $0.inInbox) }
            self.messages = shown.map { Self.message($0, owner: address) }
            var order = [String]()
            var byThread = [String: [PageMessage]]()
            for message in messages {
                if byThread[message.threadID] == nil { order.append(message.threadID) }
                byThread[message.threadID, default: []].append(message)
            }
            threads = order.map { id in
                let thread = (byThread[id] ?? []).sorted { $0.date < $1.date }
                return Thread(
                    subject: thread.first?.subject ?? "", messages: thread.map { Self.message($0, owner: address) })
            }
            isThreads = view == "threads"
            isEmpty = messages.isEmpty
        }

        static func message(_ message: PageMessage, owner: String) -> Message {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
            return Message(
                id: message.id, from: message.from, to: message.to, subject: message.subject,
                iso: message.date.formatted(.iso8601), date: formatter.string(from: message.date),
                snippet: message.snippet,
                unread: message.unread, canReply: message.inInbox,
                recipient: message.inSent && !message.inInbox ? message.firstRecipient : nil)
        }
    }
}
