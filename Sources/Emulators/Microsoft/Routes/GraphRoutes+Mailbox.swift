import Foundation

extension GraphRoutes {
    func addMailboxRoutes(to table: inout MicrosoftRouteTable) {
        // https://learn.microsoft.com/graph/api/user-get
        route(&table, "GET", "me") { call in
            try call.require("User.Read", "User.ReadWrite")
            let account = try await state.mailbox(call.accountID).account
            return MicrosoftHTTP.json(GraphUserJSON(account, origin: call.origin, select: call.select))
        }
        // https://learn.microsoft.com/graph/api/user-list-mailfolders
        route(&table, "GET", "me/mailFolders") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            let mailbox = try await state.mailbox(call.accountID)
            return folderPage(call, mailbox.children(of: mailbox.root.id), mailbox: mailbox, path: "me/mailFolders")
        }
        // https://learn.microsoft.com/graph/api/mailfolder-get (ids and well-known names)
        route(&table, "GET", "me/mailFolders/:folder") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            let mailbox = try await state.mailbox(call.accountID)
            guard let folder = mailbox.folder(call.parameter("folder")) else { throw GraphFailure.notFound() }
            return MicrosoftHTTP.json(GraphFolderJSON(folder, in: mailbox))
        }
        // https://learn.microsoft.com/graph/api/mailfolder-list-childfolders
        route(&table, "GET", "me/mailFolders/:folder/childFolders") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            let mailbox = try await state.mailbox(call.accountID)
            guard let folder = mailbox.folder(call.parameter("folder")) else { throw GraphFailure.notFound() }
            return folderPage(
                call, mailbox.children(of: folder.id), mailbox: mailbox,
                path: "me/mailFolders/\(folder.id)/childFolders")
        }
        // https://learn.microsoft.com/graph/api/message-delta, https://learn.microsoft.com/graph/delta-query-messages
        route(&table, "GET", "me/mailFolders/:folder/messages/delta") { call in
            try call.require("Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic")
            return try await delta(call)
        }
        // https://learn.microsoft.com/graph/api/user-list-messages
        route(&table, "GET", "me/messages") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            return try await listMessages(call)
        }
        // https://learn.microsoft.com/graph/api/message-get
        route(&table, "GET", "me/messages/:id") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            let message = try await message(call)
            var json = GraphMessageJSON(message, immutableIDs: call.immutableIDs, select: call.select, typed: false)
            json.odataType = nil
            return MicrosoftHTTP.json(json)
        }
        // https://learn.microsoft.com/graph/outlook-get-mime-message
        route(&table, "GET", "me/messages/:id/$value") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            return MicrosoftHTTP.bytes(try await message(call).mime, contentType: "text/plain")
        }
        // https://learn.microsoft.com/graph/api/message-list-attachments
        route(&table, "GET", "me/messages/:id/attachments") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            let files = try await message(call).fileAttachments
            return MicrosoftHTTP.json(
                GraphCollectionJSON(
                    context: "\(call.origin)/v1.0/$metadata#users('\(call.accountID)')/messages/attachments",
                    value: files.map { GraphAttachmentJSON($0, includingContent: true) }))
        }
        // https://learn.microsoft.com/graph/api/attachment-get
        route(&table, "GET", "me/messages/:id/attachments/:attachment") { call in
            try call.require("Mail.Read", "Mail.ReadWrite")
            guard
                let file = try await message(call).fileAttachments.first(where: {
                    $0.id == call.parameter("attachment")
                })
            else { throw GraphFailure.notFound() }
            return MicrosoftHTTP.json(GraphAttachmentJSON(file, includingContent: true))
        }
        // https://learn.microsoft.com/graph/api/message-update
        route(&table, "PATCH", "me/messages/:id") { call in
            try call.require("Mail.ReadWrite")
            let key = try await message(call).key
            let update = try call.decode(MessagePatch.self)
            let updated = try await state.mutate(call.accountID) {
                mailbox -> (OutlookMessage, [OutlookMailbox.Change]) in
                let change = mailbox.update(key, now: Date()) { message in
                    if let isRead = update.isRead { message.isRead = isRead }
                }
                guard let updated = mailbox.messages[key] else { throw GraphFailure.notFound() }
                return (updated, change.map { [$0] } ?? [])
            }
            return MicrosoftHTTP.json(
                GraphMessageJSON(updated, immutableIDs: call.immutableIDs, select: nil, typed: false))
        }
        // https://learn.microsoft.com/graph/api/message-delete
        route(&table, "DELETE", "me/messages/:id") { call in
            try call.require("Mail.ReadWrite")
            let key = try await message(call).key
            try await state.mutate(call.accountID) { mailbox in ((), mailbox.remove(key).map { [$0] } ?? []) }
            return MicrosoftHTTP.empty(204)
        }
    }

    func message(_ call: GraphCall) async throws -> OutlookMessage {
        guard let message = try await state.mailbox(call.accountID).message(call.parameter("id")) else {
            throw GraphFailure.notFound()
        }
        return message
    }

    private func folderPage(_ call: GraphCall, _ folders: [OutlookFolder], mailbox: OutlookMailbox, path: String)
        -> MicrosoftEmulatorResponse
    {
        let top = call.query("$top").flatMap(Int.init) ?? 10
        let skip = call.query("$skip").flatMap(Int.init) ?? 0
        let page = Array(folders.dropFirst(skip).prefix(top))
        let next =
            skip + page.count < folders.count
            ? Self.link(call, path, [("$top", String(top)), ("$skip", String(skip + page.count))]) : nil
        return MicrosoftHTTP.json(
            GraphCollectionJSON(
                context: "\(call.origin)/v1.0/$metadata#users('\(call.accountID)')/mailFolders", nextLink: next,
                value: page.map { GraphFolderJSON($0, in: mailbox) }))
    }

    private func delta(_ call: GraphCall) async throws -> MicrosoftEmulatorResponse {
        let pageSize = call.maxPageSize ?? state.configuration.defaultPageSize
        let lifetime = state.configuration.deltaTokenLifetime
        let token = call.query("$deltatoken") ?? call.query("$skiptoken")
        let requested = call.parameter("folder")
        let select = call.select
        let (page, folderID) = try await state.mutate(call.accountID) {
            mailbox -> ((GraphDeltaPage?, String), [OutlookMailbox.Change]) in
            guard let folder = mailbox.folder(requested) else { throw GraphFailure.notFound() }
            let page = mailbox.deltaPage(
                folderID: folder.id, token: token, select: select, pageSize: pageSize, lifetime: lifetime, now: Date())
            return ((page, folder.id), [])
        }
        guard let page else {
            throw GraphFailure(
                410, "SyncStateNotFound",
                "The sync state generation is not found; generation=\(Int.random(in: 100...999)).")
        }
        let items = page.items.map { item -> GraphMessageJSON in
            switch item {
            case .present(let message):
                return GraphMessageJSON(message, immutableIDs: call.immutableIDs, select: page.select, typed: true)
            case .removed(let immutableID, let restID):
                return GraphMessageJSON(removedID: call.immutableIDs ? immutableID : restID)
            }
        }
        let link = Self.link(
            call, "me/mailFolders/\(folderID)/messages/delta",
            [(page.isLast ? "$deltatoken" : "$skiptoken", page.token)])
        let headers = call.maxPageSize.map { [(name: "Preference-Applied", value: "odata.maxpagesize=\($0)")] } ?? []
        return MicrosoftHTTP.json(
            GraphCollectionJSON(
                context: "\(call.origin)/v1.0/$metadata#Collection(message)", nextLink: page.isLast ? nil : link,
                deltaLink: page.isLast ? link : nil, value: items),
            headers: headers)
    }

    /// `$filter` on `internetMessageId eq '...'`, `receivedDateTime ge|gt|le|lt ...`, `isRead eq ...`,
    /// `conversationId eq '...'` joined by `and`; `$orderby=receivedDateTime desc`; `$top`, `$skip`.
    private func listMessages(_ call: GraphCall) async throws -> MicrosoftEmulatorResponse {
        let mailbox = try await state.mailbox(call.accountID)
        let filter = try GraphMessageFilter(call.query("$filter") ?? "")
        let all = mailbox.messages.values.filter(filter.matches).sorted {
            $0.receivedAt > $1.receivedAt || ($0.receivedAt == $1.receivedAt && $0.key > $1.key)
        }
        let top = call.query("$top").flatMap(Int.init) ?? 10
        let skip = call.query("$skip").flatMap(Int.init) ?? 0
        let page = Array(all.dropFirst(skip).prefix(top))
        var nextQuery = call.request.query.filter { $0.name != "$skip" }.map { ($0.name, $0.value) }
        nextQuery.append(("$skip", String(skip + page.count)))
        return MicrosoftHTTP.json(
            GraphCollectionJSON(
                context: "\(call.origin)/v1.0/$metadata#users('\(call.accountID)')/messages",
                nextLink: skip + page.count < all.count ? Self.link(call, "me/messages", nextQuery) : nil,
                value: page.map {
                    GraphMessageJSON($0, immutableIDs: call.immutableIDs, select: call.select, typed: false)
                })
        )
    }
}

/// The `PATCH /me/messages/{id}` properties the emulator applies.
private struct MessagePatch: Decodable {
    var isRead: Bool?
}
