import Foundation
import Mail

extension GoogleEmulator {
    /// Labels a client may add or remove (Gmail refuses SENT and DRAFT).
    static let modifiableLabels: Set<String> = ["INBOX", "UNREAD", "STARRED", "IMPORTANT", "TRASH", "SPAM"]

    /// A Gmail API call (`/gmail/v1/users/{userId}/...`, or its `/upload/` form), direct or from
    /// inside a batch.
    func gmail(_ request: EmulatorRequest) async -> EmulatorReply {
        var path = request.segments
        if path.first == "upload" { path.removeFirst() }
        guard path.count >= 5, path[2] == "users",
            let route = GmailRoute(method: request.method, path: Array(path.dropFirst(4)))
        else { return Self.googleError(404, reason: "notFound", message: "Requested entity was not found.") }
        if let fault = await world.takeFault(for: route.methodID) { return Self.faultReply(fault) }
        let bearer =
            request.header("authorization").flatMap { header in
                header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)) : nil
            } ?? request.query("access_token")
        guard let bearer, let (email, scopes) = await world.authenticate(bearer: bearer) else {
            return Self.unauthenticated()
        }
        let userID = path[3]
        guard userID == "me" || userID.lowercased() == email else {
            return Self.googleError(403, reason: "forbidden", message: "Delegation denied for \(userID)")
        }
        guard !route.allowedScopes.isDisjoint(with: scopes) else {
            return Self.googleError(
                403, reason: "insufficientPermissions", message: "Request had insufficient authentication scopes.",
                domain: "global")
        }
        return await answer(route, request: request, email: email)
    }

    private func answer(_ route: GmailRoute, request: EmulatorRequest, email: String) async -> EmulatorReply {
        switch route {
        case .getProfile: return await profile(email)
        case .sendAsList: return await sendAs(email)
        case .watch: return await watch(request, email: email)
        // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/stop
        case .stop:
            await world.stopWatch(email)
            return .empty(204)
        case .historyList: return await history(request, email: email)
        case .messagesList: return await list(request, email: email)
        case .messagesSend: return await send(request, email: email)
        case .messagesGet(let id): return await get(id, format: request.query("format") ?? "full", email: email)
        case .messagesModify(let id): return await modify(request, id: id, email: email)
        // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/trash
        case .messagesTrash(let id):
            return await minimal(world.trash(id, of: email))
        // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/untrash
        case .messagesUntrash(let id):
            return await minimal(world.modify(id, of: email, add: [], remove: ["TRASH"]))
        // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/delete
        case .messagesDelete(let id):
            return await world.delete(id, of: email) ? .empty(204) : Self.notFound()
        }
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
    private func profile(_ email: String) async -> EmulatorReply {
        guard let account = await world.account(email) else { return Self.notFound() }
        let mailbox = account.mailbox
        return .json(
            ProfileJSON(
                emailAddress: account.email, messagesTotal: mailbox.messages.count,
                threadsTotal: Set(mailbox.messages.values.map(\.threadID)).count, historyId: String(mailbox.historyID)))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.settings.sendAs/list
    private func sendAs(_ email: String) async -> EmulatorReply {
        guard let account = await world.account(email) else { return Self.notFound() }
        let primary = SendAsListJSON.SendAs(
            sendAsEmail: account.email, displayName: account.displayName.isEmpty ? nil : account.displayName,
            isPrimary: true, isDefault: true)
        let aliases = account.aliases.map {
            SendAsListJSON.SendAs(sendAsEmail: $0, treatAsAlias: true, verificationStatus: "accepted")
        }
        return .json(SendAsListJSON(sendAs: [primary] + aliases))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/watch
    private func watch(_ request: EmulatorRequest, email: String) async -> EmulatorReply {
        struct Body: Decodable {
            var topicName: String?
            var labelIds: [String]?
            var labelFilterBehavior: String?
            var labelFilterAction: String?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(request.body)), let topic = body.topicName,
            topic.split(separator: "/", omittingEmptySubsequences: false).count == 4, topic.hasPrefix("projects/"),
            topic.split(separator: "/")[2] == "topics"
        else {
            return Self.googleError(
                400, reason: "invalidArgument", message: "Invalid topicName does not match projects/*/topics/*")
        }
        let filter = (body.labelFilterBehavior ?? body.labelFilterAction ?? "include").lowercased()
        guard
            let watch = await world.watch(
                email, topic: topic, labelIDs: body.labelIds ?? [], include: filter != "exclude")
        else { return Self.notFound() }
        return .json(WatchResponseJSON(historyId: String(watch.historyID), expiration: String(watch.expiration)))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.history/list
    private func history(_ request: EmulatorRequest, email: String) async -> EmulatorReply {
        guard let startText = request.query("startHistoryId") else {
            return Self.googleError(
                400, reason: "invalidArgument", message: "Missing required parameter: startHistoryId")
        }
        guard let start = UInt64(startText) else {
            return Self.googleError(400, reason: "invalidArgument", message: "Invalid startHistoryId")
        }
        let maxResults = min(max(Int(request.query("maxResults") ?? "") ?? 100, 1), 500)
        guard
            let page = await world.history(
                of: email, after: start, pageToken: request.query("pageToken"),
                types: Set(request.queryAll("historyTypes")),
                labelID: request.query("labelId"), maxResults: maxResults)
        else { return Self.notFound() }
        return .json(
            HistoryListJSON(
                history: page.entries.isEmpty ? nil : page.entries.map(HistoryListJSON.Record.init),
                nextPageToken: page.nextPageToken, historyId: String(page.historyID)))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list
    private func list(_ request: EmulatorRequest, email: String) async -> EmulatorReply {
        let maxResults = min(max(Int(request.query("maxResults") ?? "") ?? 100, 1), 500)
        guard
            let page = await world.list(
                of: email, query: request.query("q"), labelIDs: request.queryAll("labelIds"),
                includeSpamTrash: request.query("includeSpamTrash") == "true", maxResults: maxResults,
                pageToken: request.query("pageToken"))
        else { return Self.notFound() }
        return .json(
            MessageListJSON(
                messages: page.messages.isEmpty ? nil : page.messages.map(MessageJSON.reference),
                nextPageToken: page.nextPageToken, resultSizeEstimate: page.resultSizeEstimate))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/get
    private func get(_ id: String, format: String, email: String) async -> EmulatorReply {
        guard let message = await world.message(id, of: email) else { return Self.notFound() }
        var json = MessageJSON(
            id: message.id, threadId: message.threadID, labelIds: message.labels.isEmpty ? nil : message.sortedLabels,
            snippet: message.snippet.isEmpty ? nil : message.snippet, historyId: String(message.historyID),
            internalDate: String(message.internalDate), sizeEstimate: message.raw.count)
        switch format.lowercased() {
        case "raw":
            return Self.rawReply(json, raw: message.raw)
        case "full", "metadata":
            json.payload = Self.payload(of: message.raw)
        default:
            break
        }
        return .json(json)
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send
    private func send(_ request: EmulatorRequest, email: String) async -> EmulatorReply {
        let raw: [UInt8]
        var threadID = request.query("threadId")
        if request.segments.first == "upload" {
            raw = request.body
        } else {
            struct Body: Decodable {
                var raw: String?
                var threadId: String?
            }
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(request.body)), let text = body.raw else {
                return Self.googleError(
                    400, reason: "invalidArgument",
                    message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required")
            }
            guard let bytes = Base64URL.decode(text) else {
                return Self.googleError(
                    400, reason: "invalidArgument", message: "Invalid value for ByteString: \(text.prefix(20))")
            }
            raw = bytes
            threadID = body.threadId ?? threadID
        }
        guard !raw.isEmpty, let sent = await world.send(raw: raw, from: email, threadID: threadID) else {
            return Self.googleError(400, reason: "invalidArgument", message: "Recipient address required")
        }
        return .json(MessageJSON.minimal(sent.id, threadID: sent.threadID, labels: sent.sortedLabels))
    }

    /// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/modify
    private func modify(_ request: EmulatorRequest, id: String, email: String) async -> EmulatorReply {
        struct Body: Decodable {
            var addLabelIds: [String]?
            var removeLabelIds: [String]?
        }
        let body = (try? JSONDecoder().decode(Body.self, from: Data(request.body))) ?? Body()
        let add = body.addLabelIds ?? []
        let remove = body.removeLabelIds ?? []
        if let invalid = (add + remove).first(where: { !Self.modifiableLabels.contains($0) }) {
            return Self.googleError(400, reason: "invalidArgument", message: "Invalid label: \(invalid)")
        }
        return await minimal(world.modify(id, of: email, add: add, remove: remove))
    }

    private func minimal(_ message: EmulatedMessage?) -> EmulatorReply {
        guard let message else { return Self.notFound() }
        return .json(MessageJSON.minimal(message.id, threadID: message.threadID, labels: message.sortedLabels))
    }

    /// The `format=raw` answer, byte for byte what `.json` writes with `raw` set: the encoder writes
    /// the small fields around an empty `raw`, and the padded base64url of the message (megabytes,
    /// and nothing in its alphabet needs JSON escaping) goes straight between its quotes, without
    /// a `String` the encoder would scan.
    private static func rawReply(_ json: MessageJSON, raw: [UInt8]) -> EmulatorReply {
        var json = json
        json.raw = ""
        var reply = EmulatorReply.json(json)
        // Quotes inside string values are escaped: `"raw":""` can only be the key and its value.
        let field = Array("\"raw\":\"\"".utf8)
        guard let fieldStart = reply.body.indices.first(where: { reply.body[$0...].starts(with: field) }) else {
            json.raw = Base64URL.encode(raw, padded: true)
            return .json(json)
        }
        let valueStart = fieldStart + field.count - 1
        var body = [UInt8]()
        body.reserveCapacity(reply.body.count + raw.count / 3 * 4 + 4)
        body.append(contentsOf: reply.body[..<valueStart])
        Base64URL.encode(raw, padded: true, appendingTo: &body)
        body.append(contentsOf: reply.body[valueStart...])
        reply.body = body
        return reply
    }

    /// The top-level headers as a `MessagePart`.
    private static func payload(of raw: [UInt8]) -> MessageJSON.Payload {
        let text = String(decoding: raw, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        var headers = [MessageJSON.Payload.Header]()
        for line in head.components(separatedBy: "\n") {
            let line = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    .init(
                        name: String(line[..<colon]),
                        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        let mimeType =
            headers.first { $0.name.lowercased() == "content-type" }?.value
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
        return MessageJSON.Payload(partId: "", mimeType: mimeType, filename: "", headers: headers)
    }
}
