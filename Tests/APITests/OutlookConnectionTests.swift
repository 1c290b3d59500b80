import API
import AsyncHTTPClient
import Emulators
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Providers
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// The connect -> callback -> status -> re-auth -> update email -> disconnect flow of an Outlook
/// mailbox, against the Microsoft emulator over real HTTP and the real database.
@Suite(.freshDatabase, .serialized)
struct OutlookConnectionTests {
    struct World {
        let emulator: MicrosoftEmulator
        let http: HTTPClient
        let app: APITestApp
        let subAccountID: String
        let userToken: String

        /// Follows the consent URL to the emulator's redirect and returns its query.
        func consent(_ authorizationURL: String) async throws -> [String: String] {
            try await OAuthFlow(http: http, userToken: userToken).consent(authorizationURL)
        }

        /// Starts connecting as the user, consents at the emulator and calls the callback.
        func connect(_ client: any TestClientProtocol, as email: String) async throws -> (HTTPResponse.Status, [String: Any]) {
            try await OAuthFlow(http: http, userToken: userToken).connect(client, provider: "microsoft", as: email)
        }
    }

    private func withWorld(_ body: @Sendable (World, any TestClientProtocol) async throws -> Void) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let emulator = MicrosoftEmulator(configuration: .init(validationTimeout: .seconds(1)), httpClient: http)
            try await EmulatorServer(emulators: [emulator]).withRunning { origin in
                let microsoft = MicrosoftConfiguration(
                    clientID: "emulator-client-id", clientSecret: "emulator-client-secret",
                    loginURL: origin.absoluteString, graphURL: origin.absoluteString + "/v1.0")
                let base = try await APITestApp.make()
                var dependencies = base.dependencies
                dependencies.lifecycle = ConnectionLifecycle(
                    store: base.store, queue: JobQueue(client: base.store.client),
                    providers: ProviderRegistry([GraphClient(configuration: microsoft, httpClient: http)]),
                    redirectURI: "http://127.0.0.1:9/oauth/callback",
                    pushTarget: { _, _ in PushTarget(notificationURL: "http://127.0.0.1:9/webhooks/microsoft", clientState: "x") },
                    logger: Logger(label: "test.lifecycle"))
                let app = APITestApp(store: base.store, agencyID: base.agencyID, apiKey: base.apiKey, dependencies: dependencies)
                try await app.test { (client: any TestClientProtocol) async throws in
                    let sub = try #require(try await client.json(.post, "/v1/sub-accounts", token: app.apiKey, body: #"{"name":"Outlook"}"#).body["id"] as? String)
                    let user = try #require(try await client.json(.post, "/v1/users", token: app.apiKey, body: #"{"email":"rep@agency.example"}"#).body["id"] as? String)
                    _ = try await client.json(.put, "/v1/sub-accounts/\(sub)/members/\(user)", token: app.apiKey)
                    let token = try #require(try await client.json(.post, "/v1/sub-accounts/\(sub)/user-tokens", token: app.apiKey, body: #"{"userId":"\#(user)"}"#).body["token"] as? String)
                    for email in ["olivia@outlook.example", "oscar@outlook.example"] {
                        _ = await emulator.state.createAccount(address: email)
                    }
                    await emulator.state.setConsent(MicrosoftEmulatorConsent(mode: .approve))
                    try await body(World(emulator: emulator, http: http, app: app, subAccountID: sub, userToken: token), client)
                }
            }
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    @Test func connectReauthUpdateEmailAndDisconnectWithTheLabsFlagShown() async throws {
        try await withWorld { world, client in
            let (status, body) = try await world.connect(client, as: "olivia@outlook.example")
            #expect(status == .ok, "\(body)")
            #expect(body["status"] as? String == "connected")
            let first = try await client.json(.get, "/v1/me/connection", token: world.userToken)
            #expect(first.body["provider"] as? String == "microsoft")
            #expect(first.body["address"] as? String == "olivia@outlook.example")
            #expect(first.body["outlookTwoWaySync"] as? Bool == false)
            _ = try await client.json(
                .patch, "/v1/sub-accounts/\(world.subAccountID)", token: world.app.apiKey, body: #"{"labs":{"outlookTwoWaySync":true}}"#)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["outlookTwoWaySync"] as? Bool == true)

            #expect(try await world.connect(client, as: "olivia@outlook.example").1["status"] as? String == "restored")
            #expect(try await world.connect(client, as: "oscar@outlook.example").1["status"] as? String == "updated")
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["address"] as? String == "oscar@outlook.example")

            #expect(try await client.json(.delete, "/v1/me/connection", token: world.userToken).status == .noContent)
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).body["status"] as? String == "disconnected")
        }
    }

    @Test func deniedConsentAndADroppedScopeCreateNoConnection() async throws {
        try await withWorld { world, client in
            await world.emulator.state.setConsent(MicrosoftEmulatorConsent(mode: .deny))
            let (deniedStatus, denied) = try await world.connect(client, as: "olivia@outlook.example")
            #expect(deniedStatus == .badRequest)
            #expect(denied["reason"] as? String == "consent_denied")
            await world.emulator.state.setConsent(MicrosoftEmulatorConsent(mode: .approve, dropScopes: ["Mail.Send"]))
            let (_, dropped) = try await world.connect(client, as: "olivia@outlook.example")
            #expect(dropped["reason"] as? String == "missing_scopes")
            #expect(try await client.json(.get, "/v1/me/connection", token: world.userToken).status == .notFound)
        }
    }
}
