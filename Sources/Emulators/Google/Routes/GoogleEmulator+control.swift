import Foundation
import Mail

/// A mailbox message as the control API shows it.
struct ControlMessageJSON: Encodable, Sendable {
    var id: String
    var threadId: String
    var labelIds: [String]
    var internalDate: String
    var historyId: String
    var messageId: String?
    var subject: String
    /// The raw message, base64url.
    var raw: String

    init(_ message: EmulatedMessage) {
        id = message.id
        threadId = message.threadID
        labelIds = message.sortedLabels
        internalDate = String(message.internalDate)
        historyId = String(message.historyID)
        messageId = message.messageIDHeader
        subject = message.subject
        raw = Base64URL.encode(message.raw)
    }
}

extension GoogleEmulator {
    /// The control API under `/emulator/google/` (JSON in and out; raw MIME bodies for deliver and
    /// send). README "Providers: Gmail" lists the routes.
    func control(_ request: EmulatorRequest, path: [String]) async -> EmulatorReply {
        switch (request.method, path) {
        case ("POST", ["accounts"]):
            struct Body: Decodable {
                var email: String
                var displayName: String?
                var aliases: [String]?
            }
            guard let body = decode(Body.self, request) else { return Self.badRequest("expected {\"email\": ...}") }
            let sub = await world.createAccount(
                email: body.email, displayName: body.displayName ?? "", aliases: body.aliases ?? [])
            return .json(["email": body.email.lowercased(), "sub": sub], status: 201)
        case ("POST", ["faults"]):
            guard let fault = decode(InjectedFault.self, request) else { return Self.badRequest("expected a fault") }
            await world.inject(fault)
            return .empty()
        case ("DELETE", ["faults"]):
            await world.clearFaults()
            return .empty()
        case ("PUT", ["pubsub"]):
            guard let configuration = decode(PubSubConfiguration.self, request) else {
                return Self.badRequest("expected {\"topic\", \"pushEndpoint\", \"audience\", \"serviceAccountEmail\"}")
            }
            await world.configurePubSub(configuration)
            return .empty()
        case ("GET", ["pubsub", "deliveries"]):
            return .json(await pushDeliveries())
        case ("GET", ["settings"]):
            return .json(await world.settings)
        case ("PUT", ["settings"]):
            guard let settings = decode(GoogleEmulatorSettings.self, request) else {
                return Self.badRequest("expected settings")
            }
            await world.update(settings)
            return .empty()
        case (_, let path) where path.count >= 3 && path[0] == "accounts":
            return await accountControl(request, email: path[1], path: Array(path.dropFirst(2)))
        default:
            return Self.badRequest("unknown control route")
        }
    }

    private func accountControl(_ request: EmulatorRequest, email: String, path: [String]) async -> EmulatorReply {
        guard await world.account(email) != nil else { return Self.notFound() }
        switch (request.method, path) {
        case ("GET", ["messages"]):
            return .json((await world.messages(of: email) ?? []).map(ControlMessageJSON.init))
        case ("POST", ["deliver"]):
            guard
                let delivered = await world.deliver(
                    raw: request.body, to: email, internalDate: request.query("internalDate").flatMap { Int64($0) })
            else { return Self.notFound() }
            return .json(["id": delivered.id, "threadId": delivered.threadID], status: 201)
        case ("POST", ["send"]):
            guard let sent = await world.send(raw: request.body, from: email, threadID: request.query("threadId"))
            else {
                return Self.notFound()
            }
            return .json(ControlMessageJSON(sent), status: 201)
        case ("POST", ["expire-history"]):
            await world.expireHistory(of: email)
            return .empty()
        case ("POST", ["revoke"]):
            return .json(["revoked": await world.revokeGrants(of: email)])
        case ("POST", ["expire-access-tokens"]):
            return .json(["expired": await world.expireAccessTokens(of: email)])
        case ("PUT", ["consent"]):
            guard let policy = decode(ConsentPolicy.self, request) else {
                return Self.badRequest("expected a consent policy")
            }
            await world.setConsent(policy, for: email)
            return .empty()
        case (_, let path) where path.count >= 2 && path[0] == "messages":
            return await messageControl(request, email: email, id: path[1], action: Array(path.dropFirst(2)))
        default:
            return Self.badRequest("unknown control route")
        }
    }

    /// The owner acting on one message: modify, read, unread, trash, delete.
    private func messageControl(_ request: EmulatorRequest, email: String, id: String, action: [String]) async
        -> EmulatorReply
    {
        let message: EmulatedMessage?
        switch (request.method, action) {
        case ("GET", []):
            message = await world.message(id, of: email)
        case ("DELETE", []):
            return await world.delete(id, of: email) ? .empty() : Self.notFound()
        case ("POST", ["modify"]):
            struct Body: Decodable {
                var addLabelIds: [String]?
                var removeLabelIds: [String]?
            }
            let body = decode(Body.self, request)
            message = await world.modify(
                id, of: email, add: body?.addLabelIds ?? [], remove: body?.removeLabelIds ?? [])
        case ("POST", ["read"]):
            message = await world.modify(id, of: email, add: [], remove: ["UNREAD"])
        case ("POST", ["unread"]):
            message = await world.modify(id, of: email, add: ["UNREAD"], remove: [])
        case ("POST", ["trash"]):
            message = await world.trash(id, of: email)
        default:
            return Self.badRequest("unknown control route")
        }
        guard let message else { return Self.notFound() }
        return .json(ControlMessageJSON(message))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: EmulatorRequest) -> T? {
        try? JSONDecoder().decode(type, from: Data(request.body))
    }

    static func badRequest(_ message: String) -> EmulatorReply {
        googleError(400, reason: "badRequest", message: message)
    }
}
