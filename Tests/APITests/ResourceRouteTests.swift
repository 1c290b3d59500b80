import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct ResourceRouteTests {
    @Test func subAccountLifecycleWithSettings() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let created = try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Bakery"}"#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect((created.body["bccAddress"] as? String)?.hasSuffix("@bcc.test.example") == true)
            let patched = try await client.json(
                .patch, "/v1/sub-accounts/\(id)", token: app.apiKey,
                body: #"{"labs":{"outlookTwoWaySync":true},"backfillDays":30,"attachmentPolicy":{"maxBytes":1048576,"extensions":["pdf"],"mimeTypes":["application/pdf"]}}"#)
            #expect(patched.status == .ok)
            #expect((patched.body["labs"] as? [String: Any])?["outlookTwoWaySync"] as? Bool == true)
            #expect(patched.body["backfillDays"] as? Int == 30)
            #expect((patched.body["attachmentPolicy"] as? [String: Any])?["maxBytes"] as? Int == 1_048_576)
            let list = try await client.json(.get, "/v1/sub-accounts", token: app.apiKey)
            #expect((list.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        }
    }

    @Test func contactsCreateFindListUpdateDeleteWithPagination() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Shop"}"#).body["id"] as? String)
            for index in 0..<5 {
                let created = try await client.json(
                    .post, "/v1/sub-accounts/\(sub)/contacts", token: app.apiKey, body: #"{"email":"c\#(index)@example.com","name":"C \#(index)"}"#)
                #expect(created.status == .created)
            }
            let duplicate = try await client.json(.post, "/v1/sub-accounts/\(sub)/contacts", token: app.apiKey, body: #"{"email":"C0@Example.com"}"#)
            #expect(duplicate.status == .conflict)
            let found = try await client.json(.get, "/v1/sub-accounts/\(sub)/contacts?email=C3@EXAMPLE.com", token: app.apiKey)
            let match = try #require((found.body["items"] as? [[String: Any]])?.first)
            #expect(match["email"] as? String == "c3@example.com")
            var seen: [String] = []
            var cursor: String? = nil
            repeat {
                let uri = "/v1/sub-accounts/\(sub)/contacts?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.json(.get, uri, token: app.apiKey)
                seen += (page.body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.body["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5)
            #expect(Set(seen).count == 5)
            let id = try #require(match["id"] as? String)
            let renamed = try await client.json(.patch, "/v1/sub-accounts/\(sub)/contacts/\(id)", token: app.apiKey, body: #"{"name":"Renamed"}"#)
            #expect(renamed.body["name"] as? String == "Renamed")
            #expect(try await client.json(.delete, "/v1/sub-accounts/\(sub)/contacts/\(id)", token: app.apiKey).status == .noContent)
            #expect(try await client.json(.get, "/v1/sub-accounts/\(sub)/contacts/\(id)", token: app.apiKey).status == .notFound)
        }
    }

    @Test func emailProviderSecretIsWriteOnly() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Smtp"}"#).body["id"] as? String)
            let body = #"{"host":"smtp.example.com","port":587,"tlsMode":"starttls","username":"u","password":"hunter2","sendingDomain":"example.com","defaultFromAddress":"news@example.com"}"#
            let saved = try await client.json(.put, "/v1/sub-accounts/\(sub)/email-provider", token: app.apiKey, body: body)
            #expect(saved.status == .ok)
            #expect(saved.body["hasSecret"] as? Bool == true)
            #expect(saved.body["password"] == nil)
            let read = try await client.execute(
                uri: "/v1/sub-accounts/\(sub)/email-provider", method: .get, headers: [.authorization: "Bearer \(app.apiKey)"]
            ) { String(buffer: $0.body) }
            #expect(!read.contains("hunter2"))
        }
    }

    @Test func usersMembersAndUserTokens() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Team"}"#).body["id"] as? String)
            let user = try #require(try await client.json(.post, "/v1/users", token: app.apiKey, body: #"{"email":"staff@agency.example","name":"Staff"}"#).body["id"] as? String)
            let notMember = try await client.json(.post, "/v1/sub-accounts/\(sub)/user-tokens", token: app.apiKey, body: #"{"userId":"\#(user)"}"#)
            #expect(notMember.status == .notFound)
            #expect(try await client.json(.put, "/v1/sub-accounts/\(sub)/members/\(user)", token: app.apiKey).status == .noContent)
            let issued = try await client.json(.post, "/v1/sub-accounts/\(sub)/user-tokens", token: app.apiKey, body: #"{"userId":"\#(user)","ttlSeconds":600}"#)
            #expect(issued.status == .created)
            let userToken = try #require(issued.body["token"] as? String)
            #expect(userToken.hasPrefix("mut_"))
            let me = try await client.json(.get, "/v1/me", token: userToken)
            #expect(me.status == .ok)
            #expect((me.body["user"] as? [String: Any])?["email"] as? String == "staff@agency.example")
            // A user token reaches only the user's own routes, never agency resources.
            #expect(try await client.json(.get, "/v1/sub-accounts", token: userToken).status == .forbidden)
            #expect(try await client.json(.get, "/v1/sub-accounts/\(sub)/contacts", token: userToken).status == .forbidden)
            // A tampered token is refused.
            #expect(try await client.json(.get, "/v1/me", token: userToken + "x").status == .unauthorized)
        }
    }

    @Test func apiKeysAreShownOnceRotatableAndRevocable() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let created = try await client.json(.post, "/v1/api-keys", token: app.apiKey, body: #"{"name":"second"}"#)
            let second = try #require(created.body["token"] as? String)
            let secondID = try #require(created.body["id"] as? String)
            let list = try await client.json(.get, "/v1/api-keys", token: second)
            #expect((list.body["items"] as? [[String: Any]])?.allSatisfy { $0["token"] == nil } == true)
            #expect(try await client.json(.delete, "/v1/api-keys/\(secondID)", token: app.apiKey).status == .noContent)
            #expect(try await client.json(.get, "/v1/sub-accounts", token: second).status == .unauthorized)
        }
    }
}

@Suite(.freshDatabase)
struct CrossTenantAndBadInputTests {
    @Test func anotherAgencysIdsAnswerExactlyLikeUnknownIds() async throws {
        let mine = try await APITestApp.make()
        let theirs = try await APITestApp.make()
        try await mine.test { client in
            let theirSub = try #require(try await client.json(.post, "/v1/sub-accounts", token: theirs.apiKey, body: #"{"name":"Theirs"}"#).body["id"] as? String)
            let theirContact = try #require(
                try await client.json(.post, "/v1/sub-accounts/\(theirSub)/contacts", token: theirs.apiKey, body: #"{"email":"x@example.com"}"#).body["id"] as? String)
            let foreign = try await client.json(.get, "/v1/sub-accounts/\(theirSub)", token: mine.apiKey)
            let unknown = try await client.json(.get, "/v1/sub-accounts/\(UUID().uuidString)", token: mine.apiKey)
            #expect(foreign.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(foreign.body["type"] as? String == unknown.body["type"] as? String)
            #expect(try await client.json(.get, "/v1/sub-accounts/\(theirSub)/contacts/\(theirContact)", token: mine.apiKey).status == .notFound)
            #expect(try await client.json(.delete, "/v1/sub-accounts/\(theirSub)/contacts/\(theirContact)", token: mine.apiKey).status == .notFound)
            #expect(try await client.json(.post, "/v1/sub-accounts/\(theirSub)/contacts", token: mine.apiKey, body: #"{"email":"y@example.com"}"#).status == .notFound)
            let theirList = try await client.json(.get, "/v1/sub-accounts", token: mine.apiKey)
            #expect((theirList.body["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func missingOrUnknownCredentialsAre401() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let anonymous = try await client.json(.get, "/v1/sub-accounts", token: nil)
            let unknown = try await client.json(.get, "/v1/sub-accounts", token: "msk_nope")
            #expect(anonymous.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test(arguments: [
        (#"{"name":"#, "(body)"),
        (#"{"name":42}"#, "name"),
        (#"{}"#, "name"),
        (#"{"name":"   "}"#, "name"),
        (#"{"name":"Evil\r\nBcc: x@example.com"}"#, "name"),
    ])
    func badBodiesAre422WithTheFieldNamed(_ body: String, _ field: String) async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let answer = try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: body)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.body["type"] as? String == "https://mailsync.dev/problems/invalid-request")
            let names = (answer.body["invalid-params"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names?.contains(field) == true, "\(String(describing: names))")
        }
    }

    @Test func contactEmailsAndHeaderBoundFieldsAreChecked() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Checks"}"#).body["id"] as? String)
            for email in ["not-an-email", "a@b", "a@example.com\r\nBcc: victim@example.com", "<a@example.com>"] {
                let body = try String(decoding: JSONSerialization.data(withJSONObject: ["email": email]), as: UTF8.self)
                #expect(try await client.json(.post, "/v1/sub-accounts/\(sub)/contacts", token: app.apiKey, body: body).status == .unprocessableContent)
            }
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let huge = #"{"name":""# + String(repeating: "a", count: 2 * 1024 * 1024) + #""}"#
            let answer = try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: huge)
            #expect(answer.status == .contentTooLarge)
        }
    }

    @Test func badPaginationIs422() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let badLimit = try await client.json(.get, "/v1/sub-accounts?limit=0", token: app.apiKey)
            let badCursor = try await client.json(.get, "/v1/sub-accounts?cursor=nope", token: app.apiKey)
            #expect(badLimit.status == .unprocessableContent)
            #expect(badCursor.status == .unprocessableContent)
        }
    }
}
