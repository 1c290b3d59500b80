import AsyncHTTPClient
import Emulators
import Foundation
import Mail
import NIOCore
import Providers
import Testing

/// A Microsoft emulator on loopback, a `GraphClient` pointed at it over real HTTP, and a browser
/// that does not follow redirects (to read the OAuth redirect).
struct GraphFixture: Sendable {
    let emulator: MicrosoftEmulator
    let port: Int
    let client: GraphClient
    let configuration: MicrosoftConfiguration
    let browser: HTTPClient

    static let redirectURI = "http://127.0.0.1:9/oauth/microsoft/callback"

    /// Runs `body` with a fresh emulator and client, and stops both afterwards.
    static func with(
        options: GraphClientOptions = GraphFixture.fastOptions,
        emulator configuration: MicrosoftEmulatorConfiguration = .init(notificationBatchWindow: .milliseconds(30)),
        _ body: (GraphFixture) async throws -> Void
    ) async throws {
        let emulator = MicrosoftEmulator(configuration: configuration)
        let port = try await emulator.start()
        let microsoft = MicrosoftConfiguration(
            clientID: configuration.clientID, clientSecret: configuration.clientSecret, tenant: "common",
            loginURL: "http://127.0.0.1:\(port)", graphURL: "http://127.0.0.1:\(port)/v1.0")
        let browser = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let fixture = GraphFixture(
            emulator: emulator, port: port,
            client: GraphClient(configuration: microsoft, httpClient: .shared, options: options),
            configuration: microsoft, browser: browser)
        do {
            try await body(fixture)
        } catch {
            try? await browser.shutdown()
            await emulator.stop()
            throw error
        }
        try await browser.shutdown()
        await emulator.stop()
    }

    /// Options for tests: small pages, folders listed on every call, short waits.
    static let fastOptions = GraphClientOptions(
        pageSize: 2, cursorPageSize: 3, folderRefreshInterval: .zero, sentCopyLookupAttempts: 3,
        sentCopyLookupDelay: .milliseconds(20))

    var state: MicrosoftEmulatorState { emulator.state }

    /// Opens the consent page as a browser would and returns the redirect's query fields.
    func authorize(loginHint: String?, pkce: PKCE, state oauthState: String = "state-1") async throws -> [String:
        String]
    {
        let url = client.authorizationURL(
            for: AuthorizationRequest(
                redirectURI: Self.redirectURI, state: oauthState, codeChallenge: pkce.challenge, loginHint: loginHint))
        let response = try await browser.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        #expect(response.status == .found)
        let location = try #require(response.headers.first(name: "Location"))
        let items = URLComponents(string: location)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    /// Creates an account and connects it through the whole OAuth flow.
    func connect(_ address: String, aliases: [String] = []) async throws -> Connected {
        let account = await state.createAccount(address: address, displayName: address, aliases: aliases)
        let pkce = PKCE()
        let redirect = try await authorize(loginHint: address, pkce: pkce)
        let code = try #require(redirect["code"])
        let grant = try await client.exchangeCode(code, codeVerifier: pkce.verifier, redirectURI: Self.redirectURI)
        return Connected(
            account: account, grant: grant,
            access: MailboxAccess(accessToken: grant.tokens.accessToken, accountID: grant.account.id))
    }

    /// Delivers an inbound message from `sender` to the connected mailbox.
    @discardableResult
    func receive(_ subject: String, by me: Connected, from sender: String = "lead@ext.test", folder: String = "inbox")
        async throws -> MicrosoftEmulatorMessage
    {
        try await state.deliver(
            TestMail.inbound(from: sender, to: me.account.address, subject: subject), to: me.account.id, folder: folder)
    }

    /// An account with its grant and access.
    struct Connected: Sendable {
        var account: MicrosoftEmulatorAccount
        var grant: ProviderGrant
        var access: MailboxAccess
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func eventually(
        timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }
}

/// Builds test messages.
enum TestMail {
    static let builder = MessageBuilder(messageIDDomain: "crm.test")

    static func message(
        from: String, to: [String], subject: String, body: String = "Hello", bcc: [String] = [],
        messageID: String? = nil,
        inReplyTo: String? = nil, references: [String] = [], attachments: [OutgoingAttachment] = []
    ) throws -> BuiltMessage {
        var outgoing = OutgoingMessage(
            from: MailAddress(address: from), to: to.map { MailAddress(address: $0) }, subject: subject)
        outgoing.bcc = bcc.map { MailAddress(address: $0) }
        outgoing.messageID = messageID
        outgoing.inReplyTo = inReplyTo
        outgoing.references = references
        outgoing.textBody = body
        outgoing.attachments = attachments
        return try MessageBuilder(messageIDDomain: "crm.test", keepsBcc: !bcc.isEmpty).build(outgoing)
    }

    static func inbound(from: String, to: String, subject: String) throws -> [UInt8] {
        try message(from: from, to: [to], subject: subject).bytes
    }
}
