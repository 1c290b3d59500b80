import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct WebhookEndpointRouteTests {
    @Test func endpointLifecycleShowsTheSecretOnlyOnCreateAndRotate() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let created = try await client.json(
                .post, "/v1/webhook-endpoints", token: app.apiKey,
                body: #"{"url":"https://crm.example.com/hooks","eventTypes":["message.synced","message.synced"]}"#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            let secret = try #require(created.body["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            #expect(created.body["enabled"] as? Bool == true)
            #expect(created.body["eventTypes"] as? [String] == ["message.synced"])

            let fetched = try await client.json(.get, "/v1/webhook-endpoints/\(id)", token: app.apiKey)
            #expect(fetched.status == .ok)
            #expect(fetched.body["secret"] == nil)
            let list = try await client.json(.get, "/v1/webhook-endpoints", token: app.apiKey)
            let items = try #require(list.body["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [id])
            #expect(items.allSatisfy { $0["secret"] == nil })

            let patched = try await client.json(
                .patch, "/v1/webhook-endpoints/\(id)", token: app.apiKey,
                body: #"{"url":"http://127.0.0.1:9/hooks","enabled":false,"eventTypes":null}"#)
            #expect(patched.status == .ok)
            #expect(patched.body["url"] as? String == "http://127.0.0.1:9/hooks")
            #expect(patched.body["enabled"] as? Bool == false)
            #expect(patched.body["eventTypes"] == nil)
            let untouched = try await client.json(.patch, "/v1/webhook-endpoints/\(id)", token: app.apiKey, body: "{}")
            #expect(untouched.body["enabled"] as? Bool == false)

            let rotated = try await client.json(.post, "/v1/webhook-endpoints/\(id)/rotate-secret", token: app.apiKey)
            #expect(rotated.status == .ok)
            let newSecret = try #require(rotated.body["secret"] as? String)
            #expect(newSecret.hasPrefix("whsec_") && newSecret != secret)

            #expect(
                try await client.json(.delete, "/v1/webhook-endpoints/\(id)", token: app.apiKey).status == .noContent)
            #expect(try await client.json(.get, "/v1/webhook-endpoints/\(id)", token: app.apiKey).status == .notFound)
        }
    }

    @Test func secretIsStoredSealed() async throws {
        let app = try await APITestApp.make()
        let (endpoint, secret) = try await app.store.withTenant(.agency(app.agencyID)) { tx in
            try await tx.webhookEndpoints.create(url: "https://crm.example.com/hooks", eventTypes: nil)
        }
        let admin = try TestDatabase.current.client(role: "mailsync_admin")
        let stored = try await admin.query("SELECT secret_ciphertext FROM webhook_endpoints WHERE id = \(endpoint.id)")
            .single().decode([UInt8].self, at: 0)
        await admin.shutdown()
        #expect(!String(decoding: stored, as: UTF8.self).contains(secret.value))
        let opened = try await app.store.withTenant(.agency(app.agencyID)) { tx in
            try await tx.webhookEndpoints.signingEndpoint(endpoint.id)?.secret
        }
        #expect(opened == secret)
    }

    @Test(arguments: [
        (#"{"url":"http://crm.example.com/hooks"}"#, "url"),
        (#"{"url":"ftp://crm.example.com/hooks"}"#, "url"),
        (#"{"url":"not a url"}"#, "url"),
        (#"{"url":"https://user:pw@crm.example.com/hooks"}"#, "url"),
        (#"{"url":"https://crm.example.com/hooks#part"}"#, "url"),
        (#"{"url":"https://crm.example.com/\nhooks"}"#, "url"),
        (#"{"url":"https://crm.example.com/hooks","eventTypes":["Message.Synced"]}"#, "eventTypes[0]"),
        (#"{"url":"https://crm.example.com/hooks","eventTypes":[]}"#, "eventTypes"),
        (#"{"eventTypes":null}"#, "url"),
        (#"{"url":"https://crm.example.com/hooks","enabled":"yes"}"#, "enabled"),
    ])
    func invalidEndpointBodyNamesTheField(body: String, field: String) async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            let answer = try await client.json(.post, "/v1/webhook-endpoints", token: app.apiKey, body: body)
            #expect(answer.status == .unprocessableContent)
            let names = (answer.body["invalid-params"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == [field])
        }
    }

    @Test func loopbackHttpIsAcceptedForDevelopment() async throws {
        let app = try await APITestApp.make()
        try await app.test { client in
            for url in ["http://127.0.0.1:8123/hooks", "http://localhost/hooks"] {
                let answer = try await client.json(
                    .post, "/v1/webhook-endpoints", token: app.apiKey, body: #"{"url":"\#(url)"}"#)
                #expect(answer.status == .created, "\(url)")
            }
        }
    }

    @Test func anotherAgencysEndpointAnswersNotFound() async throws {
        let app = try await APITestApp.make()
        let other = try await APITestApp.make()
        let (endpoint, _) = try await other.store.withTenant(.agency(other.agencyID)) { tx in
            try await tx.webhookEndpoints.create(url: "https://other.example.com/hooks", eventTypes: nil)
        }
        try await app.test { client in
            let path = "/v1/webhook-endpoints/\(endpoint.id)"
            #expect(try await client.json(.get, path, token: app.apiKey).status == .notFound)
            #expect(
                try await client.json(.patch, path, token: app.apiKey, body: #"{"enabled":false}"#).status == .notFound)
            #expect(try await client.json(.post, path + "/rotate-secret", token: app.apiKey).status == .notFound)
            #expect(try await client.json(.get, path + "/deliveries", token: app.apiKey).status == .notFound)
            #expect(
                try await client.json(.post, path + "/deliveries/1/redeliver", token: app.apiKey).status == .notFound)
            #expect(try await client.json(.delete, path, token: app.apiKey).status == .notFound)
            let list = try await client.json(.get, "/v1/webhook-endpoints", token: app.apiKey)
            #expect((list.body["items"] as? [[String: Any]])?.isEmpty == true)
        }
        let still = try await other.store.withTenant(.agency(other.agencyID)) { tx in
            try await tx.webhookEndpoints.get(endpoint.id)
        }
        #expect(still?.isEnabled == true)
    }

    @Test func deadDeliveryIsListedWithItsErrorAndRedeliverPutsItBack() async throws {
        let app = try await APITestApp.make()
        let (endpoint, subAccount) = try await app.store.withTenant(.agency(app.agencyID)) { tx in
            let endpoint = try await tx.webhookEndpoints.create(url: "https://crm.example.com/hooks", eventTypes: nil)
                .endpoint
            return (endpoint, try await tx.subAccounts.create(name: "Shop", bccDomain: "bcc.test.example"))
        }
        let (dead, delivered) = try await app.store.withTenant(subAccount.scope) { tx in
            let dead = try await tx.events.append("contact.created", payload: ["contactID": "c1"])
            let delivered = try await tx.events.append("message.synced", payload: ["messageID": "m1"])
            try await tx.webhookDeliveries.markFailed(
                endpointID: endpoint.id, eventID: dead, error: "http_503", retryAt: nil)
            try await tx.webhookDeliveries.markDelivered(endpointID: endpoint.id, eventID: delivered)
            return (dead, delivered)
        }
        try await app.test { client in
            let base = "/v1/webhook-endpoints/\(endpoint.id)/deliveries"
            let deadList = try await client.json(.get, base + "?state=dead", token: app.apiKey)
            let deadItems = try #require(deadList.body["items"] as? [[String: Any]])
            #expect(deadItems.count == 1)
            #expect(deadItems.first?["eventId"] as? String == String(dead))
            #expect(deadItems.first?["lastError"] as? String == "http_503")
            #expect(deadItems.first?["subAccountId"] as? String == subAccount.id.uuidString)
            let all = try await client.json(.get, base + "?limit=1", token: app.apiKey)
            #expect((all.body["items"] as? [[String: Any]])?.first?["eventId"] as? String == String(delivered))
            let next = try #require(all.body["nextCursor"] as? String)
            let second = try await client.json(.get, base + "?limit=1&cursor=\(next)", token: app.apiKey)
            #expect((second.body["items"] as? [[String: Any]])?.first?["eventId"] as? String == String(dead))
            #expect(
                try await client.json(.get, base + "?state=lost", token: app.apiKey).status == .unprocessableContent)

            let redelivered = try await client.json(.post, base + "/\(dead)/redeliver", token: app.apiKey)
            #expect(redelivered.status == .ok)
            #expect(redelivered.body["state"] as? String == "pending")
            #expect(redelivered.body["attempts"] as? Int == 0)
            #expect(
                try await client.json(.post, base + "/\(delivered)/redeliver", token: app.apiKey).status == .conflict)
            #expect(try await client.json(.post, base + "/\(dead)/redeliver", token: app.apiKey).status == .conflict)
        }
        let lane = WebhookJobs.lane(subAccountID: subAccount.id, endpointID: endpoint.id)
        let wakeUps = try await TestDatabase.current.owner.query(
            "SELECT count(*) FROM jobs WHERE lane_key = \(lane) AND state = 'available'"
        ).single().decode(Int.self, at: 0)
        #expect(wakeUps == 1)
    }
}
