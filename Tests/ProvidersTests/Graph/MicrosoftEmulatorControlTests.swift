import AsyncHTTPClient
import Emulators
import Foundation
import Mail
import NIOCore
import Testing

/// The emulator's JSON control API over HTTP, as `make run` and other suites use it.
@Suite struct MicrosoftEmulatorControlTests {
    private func post(_ fixture: GraphFixture, _ path: String, _ json: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(fixture.port)/emulator/microsoft/\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    private func get(_ fixture: GraphFixture, _ path: String) async throws -> (Int, Data) {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(fixture.port)/emulator/microsoft/\(path)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), Data(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    @Test func accountsDeliveryOwnerActionsAndInspectionWorkOverHTTP() async throws {
        try await GraphFixture.with { fixture in
            let (created, accountJSON) = try await post(
                fixture, "accounts", #"{"address":"ops@contoso.test","aliases":["help@contoso.test"]}"#)
            #expect(created == 201)
            let account = try JSONDecoder().decode(MicrosoftEmulatorAccount.self, from: Data(accountJSON.utf8))
            #expect(account.aliases == ["help@contoso.test"])

            let mime =
                "From: lead@ext.test\\r\\nTo: help@contoso.test\\r\\nSubject: Hello\\r\\nMessage-ID: <h1@ext.test>\\r\\n\\r\\nHi\\r\\n"
            let (delivered, messageJSON) = try await post(
                fixture, "accounts/help@contoso.test/deliver", #"{"mime":"\#(mime)"}"#)
            #expect(delivered == 201)
            let message = try JSONDecoder().decode(MicrosoftEmulatorMessage.self, from: Data(messageJSON.utf8))
            #expect(message.internetMessageID == "<h1@ext.test>")

            let (folder, folderJSON) = try await post(
                fixture, "accounts/\(account.id)/folders", #"{"displayName":"Leads","parent":"inbox"}"#)
            #expect(folder == 201)
            let folderID = try JSONDecoder().decode([String: String].self, from: Data(folderJSON.utf8))["id"] ?? ""
            #expect(
                try await post(
                    fixture, "accounts/\(account.id)/messages/\(message.id)/move", #"{"folder":"\#(folderID)"}"#
                ).0 == 204)
            #expect(
                try await post(fixture, "accounts/\(account.id)/messages/\(message.id)/read", #"{"isRead":true}"#).0
                    == 204)
            let (replied, replyJSON) = try await post(
                fixture, "accounts/\(account.id)/messages/\(message.id)/reply", #"{"text":"Thanks"}"#)
            #expect(replied == 201)
            let reply = try JSONDecoder().decode(MicrosoftEmulatorMessage.self, from: Data(replyJSON.utf8))
            #expect(reply.conversationID == message.conversationID)

            let (status, mailboxJSON) = try await get(fixture, "accounts/\(account.id)/mailbox")
            #expect(status == 200)
            let folders = try JSONDecoder().decode([MicrosoftEmulatorFolder].self, from: mailboxJSON)
            #expect(folders.first { $0.id == folderID }?.messages.map(\.id) == [message.id])
            #expect(folders.first { $0.id == folderID }?.messages.first?.isRead == true)
            #expect(folders.first { $0.wellKnownName == "sentitems" }?.messages.map(\.id) == [reply.id])

            let (rawStatus, raw) = try await get(fixture, "accounts/\(account.id)/messages/\(reply.id)/raw")
            #expect(rawStatus == 200)
            #expect(String(decoding: raw, as: UTF8.self).contains("In-Reply-To: <h1@ext.test>"))
            #expect(
                try await post(
                    fixture, "accounts/\(account.id)/messages/\(message.id)/delete", #"{"permanently":true}"#
                ).0 == 204)
            #expect(try await post(fixture, "accounts/nobody@contoso.test/deliver", #"{"mime":"x"}"#).0 == 404)
        }
    }

    @Test func graphAnswersRESTIDsUnlessImmutableIDsArePreferred() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("gem@contoso.test")
            let delivered = try await fixture.receive("ids", by: me)
            func get(immutable: Bool) async throws -> String {
                var request = HTTPClientRequest(
                    url: "http://127.0.0.1:\(fixture.port)/v1.0/me/messages/\(delivered.id)?$select=id,parentFolderId")
                request.headers.add(name: "Authorization", value: "Bearer \(me.access.accessToken)")
                if immutable { request.headers.add(name: "Prefer", value: #"IdType="ImmutableId""#) }
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 1 << 20)
                return try JSONDecoder().decode([String: String].self, from: Data(buffer: body))["id"] ?? ""
            }
            #expect(try await get(immutable: true) == delivered.id)
            #expect(try await get(immutable: false) == delivered.restID)
            #expect(try await fixture.state.stats(account: me.account.id).requestsWithoutImmutableIDs == 1)
        }
    }

    @Test func attachmentsAreListedWithBase64ContentBytes() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("hal@contoso.test")
            let built = try TestMail.message(
                from: "lead@ext.test", to: ["hal@contoso.test"], subject: "File",
                attachments: [
                    OutgoingAttachment(filename: "note.txt", contentType: "text/plain", data: Array("hello".utf8))
                ])
            let delivered = try await fixture.state.deliver(built.bytes, to: me.account.id)
            var request = HTTPClientRequest(
                url: "http://127.0.0.1:\(fixture.port)/v1.0/me/messages/\(delivered.id)/attachments")
            request.headers.add(name: "Authorization", value: "Bearer \(me.access.accessToken)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            struct Listing: Decodable {
                struct File: Decodable {
                    var name: String
                    var contentBytes: String
                }

                var value: [File]
            }
            let listing = try JSONDecoder().decode(
                Listing.self, from: Data(buffer: try await response.body.collect(upTo: 1 << 20)))
            #expect(listing.value.map(\.name) == ["note.txt"])
            #expect(listing.value.first?.contentBytes == Data("hello".utf8).base64EncodedString())
        }
    }

    @Test func respondAnswersWithoutAServerAndDeclinesOtherPaths() async throws {
        let emulator = MicrosoftEmulator()
        let account = await emulator.state.createAccount(address: "ivy@contoso.test")
        let listed = await emulator.respond(
            to: MicrosoftEmulatorRequest(
                method: "GET", path: "/emulator/microsoft/accounts", origin: "http://emulators.test"))
        let accounts = try JSONDecoder().decode([MicrosoftEmulatorAccount].self, from: Data(try #require(listed).body))
        #expect(accounts == [account])
        let graph = await emulator.respond(
            to: MicrosoftEmulatorRequest(method: "GET", path: "/v1.0/me", origin: "http://emulators.test"))
        #expect(graph?.status == 401)
        #expect(graph?.header("Content-Type") == "application/json")
        let google = await emulator.respond(
            to: MicrosoftEmulatorRequest(
                method: "GET", path: "/gmail/v1/users/me/profile", origin: "http://emulators.test"))
        #expect(google == nil)
    }

    @Test func faultsAndConsentAreSetOverHTTP() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("fay@contoso.test")
            #expect(
                try await post(fixture, "accounts/\(me.account.id)/faults", #"{"kind":"serverError","count":1}"#).0
                    == 204)
            await #expect(throws: (any Error).self) { _ = try await fixture.client.profile(access: me.access) }
            #expect(try await post(fixture, "consent", #"{"mode":"deny","dropScopes":[]}"#).0 == 204)
            let redirect = try await fixture.authorize(loginHint: "fay@contoso.test", pkce: .init())
            #expect(redirect["error"] == "access_denied")
            let (status, statsJSON) = try await get(fixture, "accounts/\(me.account.id)/stats")
            #expect(status == 200)
            #expect(try JSONDecoder().decode(MicrosoftEmulatorStats.self, from: statsJSON).requests >= 1)
        }
    }
}
