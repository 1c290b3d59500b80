import Foundation
import Hummingbird

/// The control API under `/emulator/microsoft/`, JSON in and out: accounts, inbound delivery,
/// acting as the mailbox owner, faults, consent, subscriptions and inspection. Each route calls
/// the `MicrosoftEmulatorState` method of the same name.
struct ControlRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to router: Router<some RequestContext>) {
        let control = router.group("emulator/microsoft")
        control.post("accounts") { request, _ in
            try await run {
                let body = try await decode(NewAccount.self, request)
                return EmulatorHTTP.json(
                    await state.createAccount(
                        address: body.address, displayName: body.displayName, aliases: body.aliases ?? []),
                    status: .created)
            }
        }
        control.get("accounts") { _, _ in EmulatorHTTP.json(await state.accounts()) }
        control.post("accounts/:account/folders") { request, context in
            try await run {
                let body = try await decode(NewFolder.self, request)
                let id = try await state.createFolder(
                    account: account(context), displayName: body.displayName, parent: body.parent)
                return EmulatorHTTP.json(["id": id], status: .created)
            }
        }
        control.post("accounts/:account/deliver") { request, context in
            try await run {
                let body = try await decode(MIMEBody.self, request)
                return EmulatorHTTP.json(
                    try await state.deliver(
                        try body.bytes(), to: account(context), folder: body.folder ?? "inbox",
                        isRead: body.isRead ?? false),
                    status: .created)
            }
        }
        control.post("accounts/:account/send") { request, context in
            try await run {
                let body = try await decode(MIMEBody.self, request)
                return EmulatorHTTP.json(
                    try await state.send(try body.bytes(), from: account(context)), status: .created)
            }
        }
        control.post("accounts/:account/messages/:message/reply") { request, context in
            try await run {
                let body = try await decode(ReplyBody.self, request)
                return EmulatorHTTP.json(
                    try await state.reply(to: message(context), in: account(context), text: body.text ?? ""),
                    status: .created)
            }
        }
        control.post("accounts/:account/messages/:message/read") { request, context in
            try await run {
                let body = try await decode(ReadBody.self, request)
                try await state.setRead(body.isRead, messageID: message(context), in: account(context))
                return EmulatorHTTP.empty(.noContent)
            }
        }
        control.post("accounts/:account/messages/:message/move") { request, context in
            try await run {
                let body = try await decode(MoveBody.self, request)
                try await state.move(messageID: message(context), in: account(context), to: body.folder)
                return EmulatorHTTP.empty(.noContent)
            }
        }
        control.post("accounts/:account/messages/:message/delete") { request, context in
            try await run {
                let body = try? await decode(DeleteBody.self, request)
                try await state.delete(
                    messageID: message(context), in: account(context), permanently: body?.permanently ?? false)
                return EmulatorHTTP.empty(.noContent)
            }
        }
        control.get("accounts/:account/mailbox") { _, context in
            try await run { EmulatorHTTP.json(try await state.mailbox(of: account(context))) }
        }
        control.get("accounts/:account/messages/:message/raw") { _, context in
            try await run {
                EmulatorHTTP.bytes(
                    try await state.rawMessage(message(context), in: account(context)), contentType: "message/rfc822")
            }
        }
        control.post("accounts/:account/faults") { request, context in
            try await run {
                try await state.inject(
                    try await decode(MicrosoftEmulatorFault.self, request), account: account(context))
                return EmulatorHTTP.empty(.noContent)
            }
        }
        let accountActions: [(String, @Sendable (MicrosoftEmulatorState, String) async throws -> Void)] = [
            ("delta/expire", { try await $0.expireDeltaTokens(account: $1) }),
            ("grant/revoke", { try await $0.revokeGrant(account: $1) }),
            ("tokens/expire", { try await $0.expireAccessTokens(account: $1) }),
        ]
        for (path, action) in accountActions {
            control.post(RouterPath("accounts/:account/" + path)) { _, context in
                try await run {
                    try await action(state, account(context))
                    return EmulatorHTTP.empty(.noContent)
                }
            }
        }
        control.get("accounts/:account/stats") { _, context in
            try await run { EmulatorHTTP.json(try await state.stats(account: account(context))) }
        }
        control.get("subscriptions") { _, _ in EmulatorHTTP.json(await state.allSubscriptions()) }
        control.post("subscriptions/:subscription/lifecycle") { request, context in
            try await run {
                let body = try await decode(LifecycleBody.self, request)
                try await state.sendLifecycleEvent(
                    body.event, subscriptionID: context.parameters.get("subscription") ?? "")
                return EmulatorHTTP.empty(.noContent)
            }
        }
        control.get("notifications") { _, _ in EmulatorHTTP.json(await state.notificationDeliveries()) }
        control.post("consent") { request, _ in
            try await run {
                await state.setConsent(try await decode(MicrosoftEmulatorConsent.self, request))
                return EmulatorHTTP.empty(.noContent)
            }
        }
        control.post("token-failures") { request, _ in
            try await run {
                let body = try? await decode(TokenFailureBody.self, request)
                await state.failNextTokenRequest(aadstsCode: body?.aadstsCode ?? 65001)
                return EmulatorHTTP.empty(.noContent)
            }
        }
    }

    /// Runs a control call; an emulator error becomes 404 (unknown thing) or 400.
    private func run(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as MicrosoftEmulatorError {
            let status: HTTPResponse.Status = error.code == .invalidMessage ? .badRequest : .notFound
            return EmulatorHTTP.json(["error": error.code.description], status: status)
        } catch is DecodingError {
            return EmulatorHTTP.json(["error": "invalidBody"], status: .badRequest)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let bytes = try await request.body.collect(upTo: 200 * 1024 * 1024)
        return try JSONDecoder().decode(T.self, from: Data(buffer: bytes))
    }

    private func account(_ context: some RequestContext) -> String {
        context.parameters.get("account") ?? ""
    }

    private func message(_ context: some RequestContext) -> String {
        context.parameters.get("message") ?? ""
    }
}

private struct NewAccount: Decodable {
    var address: String
    var displayName: String?
    var aliases: [String]?
}

private struct NewFolder: Decodable {
    var displayName: String
    var parent: String?
}

/// A message as MIME text (`mime`) or base64 (`raw`).
private struct MIMEBody: Decodable {
    var mime: String?
    var raw: String?
    var folder: String?
    var isRead: Bool?

    func bytes() throws -> [UInt8] {
        if let mime { return Array(mime.utf8) }
        guard let raw, let data = Data(base64Encoded: raw) else { throw MicrosoftEmulatorError(.invalidMessage) }
        return Array(data)
    }
}

private struct ReplyBody: Decodable {
    var text: String?
}

private struct ReadBody: Decodable {
    var isRead: Bool
}

private struct MoveBody: Decodable {
    var folder: String
}

private struct DeleteBody: Decodable {
    var permanently: Bool?
}

private struct LifecycleBody: Decodable {
    var event: String
}

private struct TokenFailureBody: Decodable {
    var aadstsCode: Int?
}
