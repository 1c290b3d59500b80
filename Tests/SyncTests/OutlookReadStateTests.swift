import AsyncHTTPClient
import Emulators
import Foundation
import HummingbirdTesting
import JobQueue
import Logging
import Postgres
import Providers
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// Marking a message read or unread in the CRM marks it in an Outlook mailbox (rule 10): the
/// Microsoft emulator over HTTP, a connection made through `ConnectionLifecycle`, a real worker.
@Suite(.freshDatabase, .serialized)
struct OutlookReadStateTests {
    static let address = "olivia@outlook.example"
    static let carol = "carol@client.example"

    struct World {
        let emulator: MicrosoftEmulator
        let store: Store
        let queue: JobQueue
        let handlers: JobHandlers
        let scope: TenantScope
        let mailboxID: UUID

        /// Syncs the mailbox with a real worker until its lane is idle.
        func sync() async throws {
            try await queue.enqueue([SyncJobs.sync(mailboxID: mailboxID)])
            try await idle("the sync lane is idle", kind: "mailbox.sync")
        }

        /// Runs a real worker until no job of `kind` waits or runs, and expects none dead.
        func idle(_ what: Comment, kind: String) async throws {
            try await SyncWorld.runWorker(queue: queue, handlers: handlers, what) {
                try await count("SELECT count(*) FROM jobs WHERE kind = \(kind) AND state IN ('available', 'running')")
                    == 0
            }
            #expect(try await count("SELECT count(*) FROM jobs WHERE kind = \(kind) AND state = 'dead'") == 0)
        }

        func count(_ query: PostgresQuery) async throws -> Int {
            try await store.withTenant(scope) { tx in
                try await tx.connection.query(query).single().decode(Int.self, at: 0)
            }
        }

        /// The CRM message stored for a Message-ID.
        func message(_ messageID: String) async throws -> UUID {
            try await store.withTenant(scope) { tx in
                try await tx.connection.query("SELECT id FROM messages WHERE message_id = \(messageID)").single()
                    .decode(UUID.self, at: 0)
            }
        }
    }

    private func withWorld(_ body: @Sendable (World) async throws -> Void) async throws {
        try await SyncWorld.withHTTPClient { http in
            let emulator = MicrosoftEmulator(configuration: .init(validationTimeout: .seconds(1)), httpClient: http)
            try await EmulatorServer(emulators: [emulator]).withRunning { origin in
                let world = try await makeWorld(emulator: emulator, http: http, origin: origin)
                try await body(world)
                // Jobs are global rows: leave none for the next test's worker.
                _ = try await world.queue.cancel(fairnessKey: world.mailboxID.uuidString)
            }
        }
    }

    private func makeWorld(emulator: MicrosoftEmulator, http: HTTPClient, origin: URL) async throws -> World {
        let database = try TestDatabase.current
        let store = Store(client: database.app, keyring: try Keyring(parsing: Keyring.generateEntry(id: "outlook")))
        let queue = JobQueue(client: database.app)
        let microsoft = MicrosoftConfiguration(
            clientID: "emulator-client-id", clientSecret: "emulator-client-secret", loginURL: origin.absoluteString,
            graphURL: origin.absoluteString + "/v1.0")
        let providers = ProviderRegistry([GraphClient(configuration: microsoft, httpClient: http)])
        let logger = Logger(label: "test.outlook")
        _ = await emulator.state.createAccount(address: Self.address)
        await emulator.state.setConsent(MicrosoftEmulatorConsent(mode: .approve))

        let agencyID = UUID()
        let (scope, userID) = try await store.withTenant(.agency(agencyID)) { tx in
            _ = try await tx.agency.create(name: "Agency")
            let subAccount = try await tx.subAccounts.create(name: "Outlook", bccDomain: "bcc.example.test")
            let rep = try await tx.users.create(email: "rep@agency.example", name: "Rep")
            try await tx.withScope(subAccount.scope) { scoped in
                try await scoped.users.addMembership(userID: rep.id)
                try await scoped.subAccounts.setLabs(LabsFlags(outlookTwoWaySync: true))
                _ = try await scoped.contacts.create(email: Self.carol, name: nil, source: .crm)
            }
            return (subAccount.scope, rep.id)
        }
        let lifecycle = ConnectionLifecycle(
            store: store, queue: queue, providers: providers, redirectURI: "http://127.0.0.1:9/oauth/callback",
            pushTarget: { _, _ in PushTarget(notificationURL: "http://127.0.0.1:9/webhooks/microsoft", clientState: "x")
            },
            logger: logger)
        let connection = try await SyncWorld.connect(
            Self.address, userID: userID, in: scope, lifecycle: lifecycle, http: http, store: store,
            provider: .microsoft)
        let sync = MailboxSyncHandler(
            store: store, queue: queue, providers: providers,
            tokens: TokenManager(store: PostgresTokenStore(store: store)), logger: logger)
        var handlers = JobHandlers()
        sync.register(in: &handlers)
        MessageReadStateHandler(sync: sync).register(in: &handlers)
        return World(
            emulator: emulator, store: store, queue: queue, handlers: handlers, scope: scope,
            mailboxID: connection.mailboxID)
    }

    @Test func markingReadInTheCRMSetsIsReadInOutlookAndALaterSyncKeepsIt() async throws {
        try await withWorld { world in
            let delivered = try await world.emulator.state.deliver(
                Array(mail(from: Self.carol, to: [Self.address], subject: "Hello", id: "o1@client.example").utf8),
                to: Self.address)
            try await world.sync()
            let messageID = try await world.message("o1@client.example")
            let route = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/messages/\(messageID)"

            try await SyncWorld.withAPI(store: world.store, agencyID: world.scope.agencyID) { client, key in
                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":true}"#).status == .ok)
                try await world.idle("the read state was applied", kind: MessageReadStateHandler.kind)
                #expect(try await world.emulator.state.message(delivered.id, in: Self.address).isRead)
                try await world.sync()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == true)

                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":false}"#).status == .ok)
                try await world.idle("the read state was applied", kind: MessageReadStateHandler.kind)
                #expect(try await world.emulator.state.message(delivered.id, in: Self.address).isRead == false)
                try await world.sync()
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == false)
            }
        }
    }

    @Test func aMessageGoneFromTheMailboxIsNotAnError() async throws {
        try await withWorld { world in
            let delivered = try await world.emulator.state.deliver(
                Array(mail(from: Self.carol, to: [Self.address], subject: "Gone", id: "o2@client.example").utf8),
                to: Self.address)
            try await world.sync()
            let messageID = try await world.message("o2@client.example")
            try await world.emulator.state.delete(messageID: delivered.id, in: Self.address, permanently: true)
            let route = "/v1/sub-accounts/\(try #require(world.scope.subAccountID))/messages/\(messageID)"

            try await SyncWorld.withAPI(store: world.store, agencyID: world.scope.agencyID) { client, key in
                #expect(try await client.call(.patch, route, key: key, body: #"{"isRead":true}"#).status == .ok)
                try await world.idle("the read-state job finished", kind: MessageReadStateHandler.kind)
                #expect(
                    try await world.count(
                        """
                        SELECT count(*) FROM jobs WHERE kind = \(MessageReadStateHandler.kind) AND state = 'succeeded'
                          AND payload->>'messageID' = \(messageID.uuidString)
                        """)
                        == 1)
                #expect(try await client.call(.get, route, key: key).json["isRead"] as? Bool == true)
            }
        }
    }
}
