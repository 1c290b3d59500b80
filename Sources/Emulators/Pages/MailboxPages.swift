import Foundation
import Mail
import Mustache

/// The emulated mailboxes' own web pages, so a demo needs no other mail client: an index of the
/// Gmail and Outlook accounts, and per mailbox its inbox, sent mail and threads, with forms to
/// reply as the mailbox owner, to write as the owner, and to send new mail from a contact into
/// it. Served beside the emulators under `/emulator/mailboxes`:
///
/// ```swift
/// let pages = MailboxPages(google: google, microsoft: microsoft)
/// EmulatorServer(emulators: [google, microsoft, pages], port: 8090)
/// ```
public struct MailboxPages: Emulator {
    let google: GoogleEmulator?
    let microsoft: MicrosoftEmulator?
    let library: MustacheLibrary

    /// Creates the pages over the emulators they show.
    public init(google: GoogleEmulator?, microsoft: MicrosoftEmulator?) {
        self.google = google
        self.microsoft = microsoft
        var library = MustacheLibrary()
        for (name, text) in MailboxPageTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("mailbox page template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    public func handle(_ request: EmulatorRequest) async -> EmulatorReply? {
        let path = request.segments
        guard path.starts(with: ["emulator", "mailboxes"]) else { return nil }
        let rest = Array(path.dropFirst(2))
        switch (request.method, rest.count) {
        case ("GET", 0): return await index()
        case ("GET", 2):
            guard let provider = MailboxProvider(rawValue: rest[0]) else { return nil }
            return await mailbox(
                provider, rest[1], view: request.query("view") ?? "inbox", notice: request.query("notice"))
        case ("POST", 3):
            guard let provider = MailboxProvider(rawValue: rest[0]) else { return nil }
            return await act(rest[2], provider: provider, address: rest[1], form: request.form())
        default: return nil
        }
    }

    private func render(_ name: String, _ model: Any, status: Int = 200) -> EmulatorReply {
        .html(library.render(model, withTemplate: name) ?? "", status: status)
    }

    private func index() async -> EmulatorReply {
        var groups = [MailboxPageModels.AccountGroup]()
        for provider in MailboxProvider.allCases {
            let addresses = await accounts(provider)
            guard let addresses else { continue }
            groups.append(
                .init(
                    name: provider.name,
                    accounts: addresses.map { .init(address: $0, href: Self.href(provider, $0)) }))
        }
        return render("index", MailboxPageModels.Index(groups: groups))
    }

    private func accounts(_ provider: MailboxProvider) async -> [String]? {
        switch provider {
        case .google: await google?.world.pageAccounts()
        case .microsoft: await microsoft?.state.pageAccounts()
        }
    }

    private func messages(_ provider: MailboxProvider, _ address: String) async -> [PageMessage]? {
        switch provider {
        case .google: await google?.world.pageMessages(of: address)
        case .microsoft: await microsoft?.state.pageMessages(of: address)
        }
    }

    private func mailbox(_ provider: MailboxProvider, _ address: String, view: String, notice: String?) async
        -> EmulatorReply
    {
        guard let messages = await messages(provider, address) else {
            return render("missing", MailboxPageModels.Missing(address: address), status: 404)
        }
        let model = MailboxPageModels.Mailbox(
            provider: provider, address: address, view: view, messages: messages, notice: notice)
        return render("mailbox", model)
    }

    /// `deliver` (new mail from a contact), `send` (as the owner), `reply` (as the owner),
    /// `contact-reply` (the recipient of sent mail answers); then
    /// back to the mailbox page with a notice (303, so a reload does not post again).
    private func act(_ action: String, provider: MailboxProvider, address: String, form: [String: String]) async
        -> EmulatorReply?
    {
        let outcome: String
        do {
            switch action {
            case "deliver":
                let raw = try Self.message(
                    from: MailAddress(
                        displayName: form["fromName"].flatMap { $0.isEmpty ? nil : $0 }, address: form["from"] ?? ""),
                    to: [MailAddress(address: address)], cc: [], bcc: [], form: form)
                outcome =
                    try await deliver(raw, provider: provider, to: address)
                    ? "Delivered to \(address)." : "Unknown mailbox."
            case "send":
                let raw = try Self.message(
                    from: MailAddress(address: address), to: MailAddress.parseList(form["to"] ?? ""),
                    cc: MailAddress.parseList(form["cc"] ?? ""), bcc: MailAddress.parseList(form["bcc"] ?? ""),
                    form: form)
                outcome =
                    try await send(raw, provider: provider, from: address)
                    ? "Sent from \(address)." : "Unknown mailbox."
            case "contact-reply":
                outcome =
                    try await contactReply(
                        provider: provider, address: address, messageID: form["message"] ?? "", text: form["text"] ?? "")
                    ? "Delivered the reply to \(address)." : "Unknown message."
            case "reply":
                let sent = try await reply(
                    provider: provider, address: address, messageID: form["message"] ?? "", text: form["text"] ?? "")
                outcome = sent ? "Reply sent from \(address)." : "Unknown message."
            default: return nil
            }
        } catch {
            outcome = "That did not work: check the addresses and try again."
        }
        var components = URLComponents()
        components.path = Self.href(provider, address)
        components.queryItems = [
            URLQueryItem(name: "view", value: form["view"] ?? "inbox"), URLQueryItem(name: "notice", value: outcome),
        ]
        return EmulatorReply(status: 303, headers: [("Location", components.string ?? "/emulator/mailboxes")])
    }

    private func deliver(_ raw: [UInt8], provider: MailboxProvider, to address: String) async throws -> Bool {
        switch provider {
        case .google: return await google?.world.deliver(raw: raw, to: address) != nil
        case .microsoft:
            guard let microsoft else { return false }
            try await microsoft.state.deliver(raw, to: address)
            return true
        }
    }

    private func send(_ raw: [UInt8], provider: MailboxProvider, from address: String) async throws -> Bool {
        switch provider {
        case .google: return await google?.world.sendAsOwner(raw, from: address) ?? false
        case .microsoft:
            guard let microsoft else { return false }
            try await microsoft.state.send(raw, from: address)
            return true
        }
    }

    private func reply(provider: MailboxProvider, address: String, messageID: String, text: String) async throws -> Bool
    {
        switch provider {
        case .google: return try await google?.world.replyAsOwner(to: messageID, of: address, text: text) ?? false
        case .microsoft:
            guard let microsoft else { return false }
            try await microsoft.state.reply(to: messageID, in: address, text: text)
            return true
        }
    }

    /// The first recipient of a sent message answers it: a reply (In-Reply-To, References,
    /// "Re:" subject) delivered into the mailbox, as the contact's own mail client would send it.
    private func contactReply(provider: MailboxProvider, address: String, messageID: String, text: String) async throws
        -> Bool
    {
        guard let original = await messages(provider, address)?.first(where: { $0.id == messageID }),
            let recipient = original.firstRecipient
        else { return false }
        var reply = OutgoingMessage(
            from: MailAddress(address: recipient), to: [MailAddress(address: address)],
            subject: original.subject.lowercased().hasPrefix("re:") ? original.subject : "Re: " + original.subject)
        reply.inReplyTo = original.messageIDHeader
        reply.references = original.replyReferences
        reply.textBody = text
        let domain = recipient.split(separator: "@").last.map(String.init) ?? "emulator.local"
        return try await deliver(
            MessageBuilder(messageIDDomain: domain).build(reply).bytes, provider: provider, to: address)
    }

    /// A plain-text message from the form's subject and text.
    static func message(
        from: MailAddress, to: [MailAddress], cc: [MailAddress], bcc: [MailAddress], form: [String: String]
    ) throws -> [UInt8] {
        guard from.address.contains("@") else { throw MailBuildError(.invalidAddress, field: "From") }
        guard !(to + cc + bcc).isEmpty else { throw MailBuildError(.invalidAddress, field: "To") }
        var message = OutgoingMessage(from: from, to: to, subject: form["subject"] ?? "")
        message.cc = cc
        message.bcc = bcc
        message.textBody = form["text"] ?? ""
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "emulator.local"
        return try MessageBuilder(messageIDDomain: domain, keepsBcc: true).build(message).bytes
    }

    static func href(_ provider: MailboxProvider, _ address: String) -> String {
        "/emulator/mailboxes/\(provider.rawValue)/"
            + (address.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? address)
    }
}
