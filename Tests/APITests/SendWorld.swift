import API
import AsyncHTTPClient
import Emulators
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Postgres
import Providers
import ServiceLifecycle
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// A sub-account for CRM sends, end to end: the API over the suite's database, the Google and
/// Microsoft emulators over HTTP, a Gmail user and an Outlook user connected through the API's
/// OAuth routes, a member without a connection, two contacts, the sub-account's SMTP settings,
/// and a real `JobWorker` with the sync and send handlers. The SMTP wire is another module's:
/// sub-account sends go to `RecordingSubAccountMailer`, a test double of our own seam.
struct SendWorld: Sendable {
    static let gmail = "anna@gmail.example"
    static let outlook = "olivia@outlook.example"
    static let carol = "carol@client.example"
    static let dave = "dave@client.example"
    static let sendingDomain = "news.bakery.example"
    static let defaultFrom = "hello@news.bakery.example"

    let app: APITestApp
    let client: any TestClientProtocol
    let google: GoogleEmulator
    let microsoft: MicrosoftEmulator
    let http: HTTPClient
    let origin: URL
    let queue: JobQueue
    let handlers: JobHandlers
    let mailer: RecordingSubAccountMailer
    let scope: TenantScope
    let bccAddress: String
    /// Users by role: `gmail`, `outlook` (connected), `plain` (no connection).
    let users: [String: UUID]
    let userTokens: [String: String]
    let contacts: [String: UUID]

    var store: Store { app.store }
    var subAccountID: UUID { scope.subAccountID ?? UUID() }

    /// Runs `body` in a new world; `limits` are the daily send limits of bulk mail through a mailbox.
    static func with(
        limits: DailySendLimits = .providerDefaults, _ body: @Sendable (SendWorld) async throws -> Void
    ) async throws {
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            var settings = GoogleEmulatorSettings()
            settings.clients["send-test-client"] = "secret"
            let google = try await GoogleEmulator(settings: settings, httpClient: http)
            let microsoft = MicrosoftEmulator(configuration: .init(validationTimeout: .seconds(1)), httpClient: http)
            try await EmulatorServer(emulators: [google, microsoft]).withRunning { origin in
                try await make(google: google, microsoft: microsoft, http: http, origin: origin, limits: limits, body)
            }
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private static func make(
        google: GoogleEmulator, microsoft: MicrosoftEmulator, http: HTTPClient, origin: URL, limits: DailySendLimits,
        _ body: @Sendable (SendWorld) async throws -> Void
    ) async throws {
        let providers = ProviderRegistry([
            GmailProvider(
                configuration: .servedFrom(origin, clientID: "send-test-client", clientSecret: "secret"),
                httpClient: http),
            GraphClient(
                configuration: MicrosoftConfiguration(
                    clientID: "emulator-client-id", clientSecret: "emulator-client-secret",
                    loginURL: origin.absoluteString, graphURL: origin.absoluteString + "/v1.0"),
                httpClient: http, options: GraphClientOptions(sentCopyLookupDelay: .milliseconds(50))),
        ])
        let base = try await APITestApp.make()
        let store = base.store
        let queue = JobQueue(client: store.client)
        let logger = Logger(label: "test.send")
        let settings = SendSettings(
            messageIDDomain: "crm.bakery.example", publicURL: "https://mailsync.example", dailyLimits: limits)
        var dependencies = base.dependencies
        dependencies.lifecycle = ConnectionLifecycle(
            store: store, queue: queue, providers: providers, redirectURI: "http://127.0.0.1:9/oauth/callback",
            pushTarget: { _, _ in PushTarget() }, logger: logger)
        dependencies.sending = OutboundEmailWriter(settings: settings, keyring: store.keyring, queue: queue)
        let app = APITestApp(store: store, agencyID: base.agencyID, apiKey: base.apiKey, dependencies: dependencies)
        let mailer = RecordingSubAccountMailer()
        var registered = JobHandlers()
        let tokens = TokenManager(store: PostgresTokenStore(store: store))
        let sync = MailboxSyncHandler(
            store: store, queue: queue, providers: providers, tokens: tokens, logger: logger)
        sync.register(in: &registered)
        EmailSendHandler(sync: sync, settings: settings, mailer: mailer).register(in: &registered)
        LateContactHandler(sync: sync).register(in: &registered)
        let handlers = registered
        // Mailboxes are global rows and the emulator derives Google account ids from creation order:
        // skip as many ids as the suite's database has mailboxes, so each world's accounts are new.
        let earlier = try await store.client.query("SELECT count(*)::integer FROM mailboxes").single().decode(
            Int.self, at: 0)
        for index in 0..<earlier { _ = await google.world.createAccount(email: "skipped-\(index)@gmail.example") }
        _ = await google.world.createAccount(email: gmail)
        _ = await google.world.setConsent(ConsentPolicy(decision: "approve"), for: gmail)
        _ = await microsoft.state.createAccount(address: outlook)
        await microsoft.state.setConsent(MicrosoftEmulatorConsent(mode: .approve))

        try await app.test { (client: any TestClientProtocol) async throws in
            let key = app.apiKey
            let created = try await client.json(.post, "/v1/sub-accounts", token: key, body: #"{"name":"Bakery"}"#)
            let sub = try #require(created.body["id"] as? String)
            let bccAddress = try #require(created.body["bccAddress"] as? String)
            var users = [String: UUID]()
            var tokens = [String: String]()
            for role in ["gmail", "outlook", "plain"] {
                let user = try await client.json(
                    .post, "/v1/users", token: key,
                    body: #"{"email":"\#(role)-rep@bakery.example","name":"Rep \#(role)"}"#)
                let id = try #require(user.body["id"] as? String)
                _ = try await client.json(.put, "/v1/sub-accounts/\(sub)/members/\(id)", token: key)
                let token = try await client.json(
                    .post, "/v1/sub-accounts/\(sub)/user-tokens", token: key, body: #"{"userId":"\#(id)"}"#)
                users[role] = UUID(uuidString: id)
                tokens[role] = try #require(token.body["token"] as? String)
            }
            var contacts = [String: UUID]()
            for email in [carol, dave] {
                let contact = try await client.json(
                    .post, "/v1/sub-accounts/\(sub)/contacts", token: key, body: #"{"email":"\#(email)"}"#)
                contacts[email] = UUID(uuidString: try #require(contact.body["id"] as? String))
            }
            let provider = try await client.json(
                .put, "/v1/sub-accounts/\(sub)/email-provider", token: key,
                body: #"""
                    {"host":"smtp.bakery.example","port":587,"tlsMode":"starttls","username":"mailer","password":"pw",
                     "sendingDomain":"\#(sendingDomain)","defaultFromAddress":"\#(defaultFrom)",
                     "defaultFromName":"Bakery"}
                    """#)
            #expect(provider.status == .ok, "\(provider.body)")
            for (role, kind, address) in [("gmail", "gmail", gmail), ("outlook", "microsoft", outlook)] {
                let flow = OAuthFlow(http: http, userToken: tokens[role] ?? "")
                let (status, answer) = try await flow.connect(client, provider: kind, as: address)
                #expect(status == .ok, "\(answer)")
            }
            let world = SendWorld(
                app: app, client: client, google: google, microsoft: microsoft, http: http, origin: origin,
                queue: queue,
                handlers: handlers, mailer: mailer,
                scope: .subAccount(try #require(UUID(uuidString: sub)), of: app.agencyID),
                bccAddress: bccAddress, users: users, userTokens: tokens, contacts: contacts)
            // The first syncs of the new connections run before the test does anything.
            let mailboxes = try await world.column("SELECT DISTINCT mailbox_id FROM connections", as: UUID.self)
            try await world.runWorker(syncing: mailboxes)
            try await body(world)
            // Jobs are global rows: leave none of this world's for the next world's worker.
            let used = try await world.column("SELECT DISTINCT mailbox_id FROM connections", as: UUID.self)
            for key in [sub] + used.map(\.uuidString) { _ = try await queue.cancel(fairnessKey: key) }
        }
    }

    // MARK: The send API

    /// `POST /v1/sub-accounts/{id}/emails` with `json` as the body; status and parsed answer.
    @discardableResult
    func send(_ json: String, idempotencyKey: String? = nil) async throws -> (
        status: HTTPResponse.Status, body: [String: Any]
    ) {
        var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(app.apiKey)"]
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return try await client.execute(
            uri: "/v1/sub-accounts/\(subAccountID)/emails", method: .post, headers: headers,
            body: ByteBuffer(string: json)
        ) { response in
            let object =
                (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            return (response.status, object ?? [:])
        }
    }

    /// A single email by the user of `role` to Carol; `extra` adds JSON members (`,"key":value`).
    func single(
        as role: String = "gmail", subject: String, text: String, extra: String = "", idempotencyKey: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        try await send(
            #"""
            {"kind":"single","actingUserId":"\#(users[role]?.uuidString ?? "")",
             "recipients":\#(contactList(Self.carol)),"subject":"\#(subject)","text":"\#(text)"\#(extra)}
            """#, idempotencyKey: idempotencyKey)
    }

    /// The first recipient of an answer, and the Message-ID header of its CRM message.
    func firstRecipient(_ answer: (status: HTTPResponse.Status, body: [String: Any])) async throws
        -> (recipient: [String: Any], messageID: String)
    {
        let recipient = try #require(Self.recipients(answer.body).first, "\(answer.status): \(answer.body)")
        return (recipient, try await messageIDHeader(try #require(recipient["messageId"] as? String)))
    }

    /// Update email: the Gmail user connects another Google account through the OAuth routes.
    func updateGmail(to address: String) async throws {
        _ = await google.world.createAccount(email: address)
        _ = await google.world.setConsent(ConsentPolicy(decision: "approve"), for: address)
        let flow = OAuthFlow(http: http, userToken: userTokens["gmail"] ?? "")
        #expect(try await flow.connect(client, provider: "gmail", as: address).0 == .ok)
    }

    /// The answer's recipients.
    static func recipients(_ body: [String: Any]) -> [[String: Any]] {
        body["recipients"] as? [[String: Any]] ?? []
    }

    /// A JSON recipient list of contacts.
    func contactList(_ emails: String...) -> String {
        "[" + emails.map { #"{"contactId":"\#(contacts[$0]?.uuidString ?? "")"}"# }.joined(separator: ",") + "]"
    }

    // MARK: The worker

    /// Runs a real `JobWorker` until no job of the sub-account (or of `mailboxes`' sync lanes) is
    /// available to run now or running (polled, 20 s at most).
    func runWorker(syncing mailboxes: [UUID] = []) async throws {
        if !mailboxes.isEmpty { _ = try await queue.enqueue(mailboxes.map { SyncJobs.sync(mailboxID: $0) }) }
        let keys = PostgresTextArray([subAccountID.uuidString] + mailboxes.map(\.uuidString))
        let worker = JobWorker(
            queue: queue, handlers: handlers, configuration: WorkerConfiguration(concurrency: 4),
            logger: Logger(label: "test.worker"))
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: worker)], logger: Logger(label: "test.worker")))
        let database = store.client
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = ContinuousClock.now + .seconds(20)
            while try await database.query(
                """
                SELECT count(*)::integer FROM jobs WHERE fairness_key = ANY(\(keys))
                  AND (state = 'running' OR (state = 'available' AND run_at <= now()))
                """
            ).single().decode(Int.self, at: 0) > 0 {
                guard ContinuousClock.now < deadline else {
                    Issue.record("timed out waiting for the worker")
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    // MARK: Reading rows and mailboxes

    /// The first column of every row, in the sub-account's scope.
    func column<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: T.Type) async throws -> [T] {
        try await store.withTenant(scope) { tx in try await tx.connection.query(query).decodeColumn(T.self) }
    }

    /// A count in the sub-account's scope.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await column(query, as: Int.self).first ?? 0
    }

    /// A user's active connection and its mailbox.
    func connection(_ role: String) async throws -> (id: UUID, mailboxID: UUID) {
        let userID = try #require(users[role])
        let connection = try #require(
            try await store.withTenant(scope) { tx in try await tx.connections.active(userID: userID) })
        return (connection.id, connection.mailboxID)
    }

    /// The Gmail mailbox's messages as the emulator's control API lists them (labels, thread, Message-ID, raw).
    func gmailMessages(of account: String = gmail) async throws -> [[String: Any]] {
        let response = try await http.execute(
            HTTPClientRequest(url: origin.absoluteString + "/emulator/google/accounts/\(account)/messages"),
            timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [[String: Any]] ?? []
    }

    /// The Gmail messages with this Message-ID (without brackets).
    func gmailCopies(of messageID: String) async throws -> [[String: Any]] {
        try await gmailMessages().filter { ($0["messageId"] as? String)?.contains(messageID) == true }
    }

    /// The Outlook mailbox's messages with this Message-ID, with the well-known name of their folder.
    func outlookCopies(of messageID: String) async throws -> [(folder: String, message: MicrosoftEmulatorMessage)] {
        try await microsoft.state.mailbox(of: Self.outlook).flatMap { folder in
            folder.messages.filter { $0.internetMessageID == "<\(messageID)>" }.map {
                (folder.wellKnownName ?? folder.displayName, $0)
            }
        }
    }

    /// The bytes of the control API's base64url `raw`.
    static func raw(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { [UInt8]($0) }
    }

    /// The Message-ID header of a CRM message.
    func messageIDHeader(_ id: String) async throws -> String {
        let uuid = try #require(UUID(uuidString: id))
        return try #require(
            try await column("SELECT message_id FROM messages WHERE id = \(uuid)", as: String.self).first)
    }
}

/// Records what the send handler asks the sub-account's mailer to send and accepts every recipient:
/// a test double of our own `SubAccountMailer` seam (the SMTP client is another module's).
actor RecordingSubAccountMailer: SubAccountMailer {
    private(set) var sent: [SubAccountMail] = []

    nonisolated func send(_ mail: SubAccountMail) async throws -> [SubAccountDelivery] {
        await record(mail)
        return mail.recipients.map { SubAccountDelivery(recipient: $0, outcome: .accepted, replyCode: 250) }
    }

    private func record(_ mail: SubAccountMail) {
        sent.append(mail)
    }
}
