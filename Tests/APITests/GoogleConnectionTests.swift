import API
import AsyncHTTPClient
import Emulators
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Postgres
import Prometheus
import Providers
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The connect -> callback -> status -> re-auth -> update email -> disconnect flow of a Gmail
/// mailbox, against the Google emulator over real HTTP and the real database.
@Suite(.freshDatabase, .serialized)
struct GoogleConnectionTests {
    static let clientID = "api-test-client"
    static let pushTopic = "projects/mailsync-test/topics/gmail"
    static let pushAudience = "https://mailsync.test/webhooks/gmail"
    static let pushServiceAccount = "gmail-push@mailsync-test.iam.gserviceaccount.com"
    static let gmailSend = "https://www.googleapis.com/auth/gmail.send"

    /// Everything one test needs: the emulator, the API over the suite's database, an agency,
    /// a sub-account with a member user and that user's token.
    struct World {
        let emulator: GoogleEmulator
        let app: APITestApp
        let http: HTTPClient
        let subAccountID: String
        let userToken: String
        let redirectURI = "http://127.0.0.1:9/oauth/callback"

        /// Follows the consent URL to the emulator's redirect and returns its query.
        func consent(_ authorizationURL: String) async throws -> [String: String] {
            try await OAuthFlow(http: http, userToken: userToken).consent(authorizationURL)
        }

        /// Starts connecting as the user, consents at the emulator and calls the callback.
        func connect(_ client: any TestClientProtocol, as email: String) async throws -> (HTTPResponse.Status, [String: Any]) {
            try await OAuthFlow(http: http, userToken: userToken).connect(client, provider: "gmail", as: email)
        }
    }

    private func withWorld(_ body: @Sendable (World, any TestClientProtocol) async throws -> Void) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            var settings = GoogleEmulatorSettings()
            settings.clients[Self.clientID] = "secret"
            let emulator = try await GoogleEmulator(settings: settings, httpClient: http)
            try await EmulatorServer(emulators: [emulator]).withRunning { origin in
                let google = GoogleConfiguration.servedFrom(
                    origin, clientID: Self.clientID, clientSecret: "secret", pushTopic: Self.pushTopic,
                    pushAudience: Self.pushAudience, pushServiceAccount: Self.pushServiceAccount)
                let base = try await APITestApp.make()
                let lifecycle = ConnectionLifecycle(
                    store: base.store, queue: JobQueue(client: base.store.client),
                    providers: ProviderRegistry([GmailProvider(configuration: google, httpClient: http)]),
                    redirectURI: "http://127.0.0.1:9/oauth/callback", pushTarget: { _, _ in PushTarget() },
                    logger: Logger(label: "test.lifecycle"))
                var dependencies = base.dependencies
                dependencies.lifecycle = lifecycle
                dependencies.gmailPush = GmailPushVerifier(configuration: google, httpClient: http)
                let app = APITestApp(store: base.store, agencyID: base.agencyID, apiKey: base.apiKey, dependencies: dependencies)
                try await app.test { client in
                    let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Sync"}"#).body["id"] as? String)
                    let user = try #require(try await client.json(.post, "/v1/users", token: app.apiKey, body: #"{"email":"rep@agency.example"}"#).body["id"] as? String)
                    _ = try await client.json(.put, "/v1/sub-accounts/\(sub)/members/\(user)", token: app.apiKey)
                    let token = try #require(try await client.json(.post, "/v1/sub-accounts/\(sub)/user-tokens", token: app.apiKey, body: #"{"userId":"\#(user)"}"#).body["token"] as? String)
                    for email in ["anna@gmail.example", "bob@gmail.example", "carl@gmail.example", "dora@gmail.example"] {
                        _ = await emulator.world.createAccount(email: email)
                        _ = await emulator.world.setConsent(ConsentPolicy(decision: "approve"), for: email)
                    }
                    try await body(World(emulator: emulator, app: app, http: http, subAccountID: sub, userToken: token), client)
                }
            }
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private func count(_ sql: PostgresQuery, in subAccount: String, agency: UUID) async throws -> Int {
        let scope = TenantScope.subAccount(UUID(uuidString: subAccount)!, of: agency)
        return try await TestDatabase.current.app.withTransaction(
            settings: ["mailsync.sub_account_id": scope.subAccountID!.uuidString, "mailsync.agency_id": agency.uuidString]
        ) { try await $0.query(sql).single().decode(Int.self, at: 0) }
    }

    @Test func connectReauthUpdateEmailAndDisconnect() async throws {
        try await withWorld { world, client in
            let agency = world.app.agencyID
            // Connect.
            let (status, body) = try await world.connect(client, as: "anna@gmail.example")
            #expect(status == .ok)
            #expect(body["status"] as? String == "connected")
            let first = try await client.json(.get, "/v1/me/connection", token: world.userToken)
            #expect(first.body["status"] as? String == "connected")
            #expect(first.body["address"] as? String == "anna@gmail.example")
            #expect(first.body["provider"] as? String == "gmail")
            let firstID = try #require(first.body["connectionId"] as? String)
            #expect(try await count("SELECT count(*) FROM jobs WHERE kind = 'mailbox.sync' AND state = 'available'", in: world.subAccountID, agency: agency) == 1)
            #expect(try await count("SELECT count(*) FROM events WHERE type = 'connection.status_changed'", in: world.subAccountID, agency: agency) == 1)
            #expect(try await count("SELECT count(*) FROM mailbox_cursors", in: world.subAccountID, agency: agency) == 1)
            #expect(try await count("SELECT count(*) FROM mailboxes WHERE push_expires_at > now()", in: world.subAccountID, agency: agency) == 1)

            // The same account again: re-auth restores the same connection.
            let (_, again) = try await world.connect(client, as: "anna@gmail.example")
            #expect(again["status"] as? String == "restored")
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["connectionId"] as? String == firstID)

            // Another account: update email supersedes the first connection.
            let (_, updated) = try await world.connect(client, as: "bob@gmail.example")
            #expect(updated["status"] as? String == "updated")
            let second = try await client.json(.get, "/v1/me/connection", token: world.userToken)
            #expect(second.body["address"] as? String == "bob@gmail.example")
            #expect(second.body["connectionId"] as? String != firstID)
            #expect(try await count("SELECT count(*) FROM connections WHERE status = 'superseded'", in: world.subAccountID, agency: agency) == 1)
            // Anna's grant was revoked at Google: no other connection uses her mailbox.
            #expect(await world.emulator.world.revokeGrants(of: "anna@gmail.example") == 0)

            // Disconnect.
            #expect(try await client.json(.delete, "/v1/me/connection", token: world.userToken).status == .noContent)
            let after = try await client.json(.get, "/v1/me/connection", token: world.userToken)
            #expect(after.body["status"] as? String == "disconnected")
            #expect(try await client.json(.delete, "/v1/me/connection", token: world.userToken).status == .notFound)
            #expect(try await count("SELECT count(*) FROM jobs WHERE state IN ('available', 'running') AND kind = 'mailbox.sync'", in: world.subAccountID, agency: agency) == 0)
            #expect(try await count("SELECT count(*) FROM events WHERE payload->>'status' = 'disconnected'", in: world.subAccountID, agency: agency) == 1)
            #expect(await world.emulator.world.revokeGrants(of: "bob@gmail.example") == 0)
        }
    }

    @Test func deniedConsentEndsWithAClearReasonAndNoConnection() async throws {
        try await withWorld { world, client in
            _ = await world.emulator.world.setConsent(ConsentPolicy(decision: "deny"), for: "carl@gmail.example")
            let (status, body) = try await world.connect(client, as: "carl@gmail.example")
            #expect(status == .badRequest)
            #expect(body["reason"] as? String == "consent_denied")
            #expect((body["message"] as? String)?.contains("declined") == true)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).status == .notFound)
        }
    }

    @Test func droppedScopeEndsWithMissingScopesAndNoConnection() async throws {
        try await withWorld { world, client in
            _ = await world.emulator.world.setConsent(
                ConsentPolicy(decision: "approve", withholdScopes: [Self.gmailSend]), for: "dora@gmail.example")
            let (status, body) = try await world.connect(client, as: "dora@gmail.example")
            #expect(status == .badRequest)
            #expect(body["reason"] as? String == "missing_scopes")
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).status == .notFound)
        }
    }

    @Test func aStateIsSingleUseAndAForgedOneIsRefused() async throws {
        try await withWorld { world, client in
            let started = try await client.json(
                .post, "/v1/me/connection/authorize", token: world.userToken,
                body: #"{"provider":"gmail","loginHint":"anna@gmail.example"}"#)
            let query = try await world.consent(try #require(started.body["authorizationUrl"] as? String))
            let code = try #require(query["code"]), state = try #require(query["state"])
            let uri = "/oauth/callback?code=\(code)&state=\(state.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            #expect(try await client.json(.get, uri, token: nil).body["status"] as? String == "connected")
            #expect(try await client.json(.get, uri, token: nil).body["reason"] as? String == "invalid_state")
            #expect(try await client.json(.get, "/oauth/callback?code=x&state=forged.state", token: nil).body["reason"] as? String == "invalid_state")
        }
    }

    @Test func aUserTokenSeesOnlyItsOwnConnectionAndAgencyKeysNone() async throws {
        try await withWorld { world, client in
            _ = try await world.connect(client, as: "anna@gmail.example")
            let other = try #require(try await client.json(.post, "/v1/users", token: world.app.apiKey, body: #"{"email":"other@agency.example"}"#).body["id"] as? String)
            _ = try await client.json(.put, "/v1/sub-accounts/\(world.subAccountID)/members/\(other)", token: world.app.apiKey)
            let otherToken = try #require(try await client.json(.post, "/v1/sub-accounts/\(world.subAccountID)/user-tokens", token: world.app.apiKey, body: #"{"userId":"\#(other)"}"#).body["token"] as? String)
            #expect(try await client.json(.get, "/v1/me/connection", token: otherToken).status == .notFound)
            #expect(try await client.json(.delete, "/v1/me/connection", token: otherToken).status == .notFound)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.app.apiKey).status == .forbidden)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["status"] as? String == "connected")
        }
    }

    @Test func forgedGmailPushIsRejected() async throws {
        try await withWorld { _, client in
            let envelope = #"{"message":{"data":"eyJlbWFpbEFkZHJlc3MiOiJhbm5hQGdtYWlsLmV4YW1wbGUiLCJoaXN0b3J5SWQiOjF9","messageId":"1"},"subscription":"s"}"#
            let answer = try await client.json(.post, "/webhooks/gmail", token: "not-a-jwt", body: envelope)
            #expect(answer.status == .unauthorized)
        }
    }
}

extension GoogleConnectionTests {
    /// SPEC: the same mailbox connected in two sub-accounts shares one mailbox row, its push and
    /// its cursor; disconnecting one leaves the grant and the push to the other.
    @Test func mailboxConnectedInTwoSubAccountsSharesPushAndCursor() async throws {
        try await withWorld { world, client in
            let second = try #require(try await client.json(.post, "/v1/sub-accounts", token: world.app.apiKey, body: #"{"name":"Second"}"#).body["id"] as? String)
            let user = try #require(try await client.json(.post, "/v1/users", token: world.app.apiKey, body: #"{"email":"rep2@agency.example"}"#).body["id"] as? String)
            _ = try await client.json(.put, "/v1/sub-accounts/\(second)/members/\(user)", token: world.app.apiKey)
            let token = try #require(try await client.json(.post, "/v1/sub-accounts/\(second)/user-tokens", token: world.app.apiKey, body: #"{"userId":"\#(user)"}"#).body["token"] as? String)
            let other = World(emulator: world.emulator, app: world.app, http: world.http, subAccountID: second, userToken: token)

            _ = await world.emulator.world.createAccount(email: "erin@gmail.example")
            _ = await world.emulator.world.setConsent(ConsentPolicy(decision: "approve"), for: "erin@gmail.example")
            #expect(try await world.connect(client, as: "erin@gmail.example").1["status"] as? String == "connected")
            let pushes = try await TestDatabase.current.app.query("SELECT push_expires_at FROM mailboxes WHERE address = 'erin@gmail.example'").decodeColumn(Date?.self)
            #expect(try await other.connect(client, as: "erin@gmail.example").1["status"] as? String == "connected")
            let mailboxes = try await TestDatabase.current.app.query(
                "SELECT count(*), count(DISTINCT push_expires_at) FROM mailboxes WHERE address = 'anna@gmail.example'"
            ).single().decode((Int, Int).self)
            #expect(mailboxes == (1, 1), "one shared mailbox, push started once")
            #expect(try await TestDatabase.current.app.query("SELECT push_expires_at FROM mailboxes WHERE address = 'erin@gmail.example'").decodeColumn(Date?.self) == pushes)
            #expect(try await TestDatabase.current.app.query("SELECT count(*) FROM mailbox_cursors c JOIN mailboxes m ON m.id = c.mailbox_id WHERE m.address = 'erin@gmail.example'").single().decode(Int.self, at: 0) == 1)

            // The second sub-account disconnects: the first keeps its grant and push.
            #expect(try await client.json(.delete, "/v1/me/connection", token: other.userToken).status == .noContent)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["status"] as? String == "connected")
            #expect(try await TestDatabase.current.app.query("SELECT count(*) FROM mailboxes WHERE push_expires_at IS NOT NULL AND address = 'erin@gmail.example'").single().decode(Int.self, at: 0) == 1)
            #expect(await world.emulator.world.revokeGrants(of: "erin@gmail.example") > 0, "the grant was not revoked")
        }
    }
}
