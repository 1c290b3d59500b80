import Foundation

/// The control API under `/emulator/microsoft/`, JSON in and out: accounts, inbound delivery,
/// acting as the mailbox owner, faults, consent, subscriptions and inspection. Each route calls
/// the `MicrosoftEmulatorState` method of the same name.
struct MicrosoftControlRoutes: Sendable {
    let state: MicrosoftEmulatorState

    /// One control request: its body and path parameters.
    struct Call: Sendable {
        var request: MicrosoftEmulatorRequest
        var parameters: [String: String]

        var account: String { parameters["account"] ?? "" }
        var message: String { parameters["message"] ?? "" }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(request.body))
        }
    }

    func addRoutes(to table: inout MicrosoftRouteTable) {
        let state = state
        func control(
            _ method: String, _ path: String,
            _ handler: @escaping @Sendable (Call) async throws -> MicrosoftEmulatorResponse
        ) {
            table.add(method, "emulator/microsoft/" + path) { request, parameters in
                await Self.run { try await handler(Call(request: request, parameters: parameters)) }
            }
        }
        control("POST", "accounts") { call in
            let body = try call.decode(NewAccount.self)
            let account = await state.createAccount(
                address: body.address, displayName: body.displayName, aliases: body.aliases ?? [])
            return MicrosoftHTTP.json(account, status: 201)
        }
        control("GET", "accounts") { _ in MicrosoftHTTP.json(await state.accounts()) }
        control("POST", "accounts/:account/folders") { call in
            let body = try call.decode(NewFolder.self)
            let id = try await state.createFolder(
                account: call.account, displayName: body.displayName, parent: body.parent)
            return MicrosoftHTTP.json(["id": id], status: 201)
        }
        control("POST", "accounts/:account/deliver") { call in
            let body = try call.decode(MIMEBody.self)
            let message = try await state.deliver(
                try body.bytes(), to: call.account, folder: body.folder ?? "inbox", isRead: body.isRead ?? false)
            return MicrosoftHTTP.json(message, status: 201)
        }
        control("POST", "accounts/:account/send") { call in
            let body = try call.decode(MIMEBody.self)
            return MicrosoftHTTP.json(try await state.send(try body.bytes(), from: call.account), status: 201)
        }
        control("POST", "accounts/:account/messages/:message/reply") { call in
            let body = try call.decode(ReplyBody.self)
            let reply = try await state.reply(to: call.message, in: call.account, text: body.text ?? "")
            return MicrosoftHTTP.json(reply, status: 201)
        }
        control("POST", "accounts/:account/messages/:message/read") { call in
            try await state.setRead(try call.decode(ReadBody.self).isRead, messageID: call.message, in: call.account)
            return MicrosoftHTTP.empty(204)
        }
        control("POST", "accounts/:account/messages/:message/move") { call in
            try await state.move(messageID: call.message, in: call.account, to: try call.decode(MoveBody.self).folder)
            return MicrosoftHTTP.empty(204)
        }
        control("POST", "accounts/:account/messages/:message/delete") { call in
            let permanently = (try? call.decode(DeleteBody.self))?.permanently ?? false
            try await state.delete(messageID: call.message, in: call.account, permanently: permanently)
            return MicrosoftHTTP.empty(204)
        }
        control("GET", "accounts/:account/mailbox") { call in
            MicrosoftHTTP.json(try await state.mailbox(of: call.account))
        }
        control("GET", "accounts/:account/messages/:message/raw") { call in
            MicrosoftHTTP.bytes(
                try await state.rawMessage(call.message, in: call.account), contentType: "message/rfc822")
        }
        control("POST", "accounts/:account/faults") { call in
            try await state.inject(try call.decode(MicrosoftEmulatorFault.self), account: call.account)
            return MicrosoftHTTP.empty(204)
        }
        let accountActions: [(String, @Sendable (MicrosoftEmulatorState, String) async throws -> Void)] = [
            ("delta/expire", { try await $0.expireDeltaTokens(account: $1) }),
            ("grant/revoke", { try await $0.revokeGrant(account: $1) }),
            ("tokens/expire", { try await $0.expireAccessTokens(account: $1) }),
        ]
        for (path, action) in accountActions {
            control("POST", "accounts/:account/" + path) { call in
                try await action(state, call.account)
                return MicrosoftHTTP.empty(204)
            }
        }
        control("GET", "accounts/:account/stats") { call in
            MicrosoftHTTP.json(try await state.stats(account: call.account))
        }
        control("GET", "subscriptions") { _ in MicrosoftHTTP.json(await state.allSubscriptions()) }
        control("POST", "subscriptions/:subscription/lifecycle") { call in
            let body = try call.decode(LifecycleBody.self)
            try await state.sendLifecycleEvent(body.event, subscriptionID: call.parameters["subscription"] ?? "")
            return MicrosoftHTTP.empty(204)
        }
        control("GET", "notifications") { _ in MicrosoftHTTP.json(await state.notificationDeliveries()) }
        control("POST", "consent") { call in
            await state.setConsent(try call.decode(MicrosoftEmulatorConsent.self))
            return MicrosoftHTTP.empty(204)
        }
        control("POST", "token-failures") { call in
            await state.failNextTokenRequest(aadstsCode: (try? call.decode(TokenFailureBody.self))?.aadstsCode ?? 65001)
            return MicrosoftHTTP.empty(204)
        }
    }

    /// Runs a control call; an emulator error becomes 404 (unknown thing) or 400.
    private static func run(_ body: () async throws -> MicrosoftEmulatorResponse) async -> MicrosoftEmulatorResponse {
        do {
            return try await body()
        } catch let error as MicrosoftEmulatorError {
            return MicrosoftHTTP.json(
                ["error": error.code.description], status: error.code == .invalidMessage ? 400 : 404,
                contentType: "application/json")
        } catch {
            return MicrosoftHTTP.json(["error": "invalidBody"], status: 400, contentType: "application/json")
        }
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
