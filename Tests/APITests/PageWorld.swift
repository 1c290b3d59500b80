import API
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Providers
import Store
import Sync
import SyncCore
import Testing

/// The pages over the suite's database: an agency with a sub-account, a member user and that
/// user's token, a lifecycle whose Gmail and Outlook providers point at an address nothing
/// listens on (starting to connect only builds the consent URL), and a browser's cookie jar.
struct PageWorld {
    let app: APITestApp
    let scope: TenantScope
    let userID: UUID
    let token: String
    let bccAddress: String

    static let consentOrigin = "http://127.0.0.1:9"

    /// A new tenant with one member; `publicURL` decides the cookies' `Secure` flag.
    static func make(publicURL: String = "http://127.0.0.1:8080") async throws -> PageWorld {
        let base = try await APITestApp.make()
        let subAccountID = UUID()
        let scope = TenantScope.subAccount(subAccountID, of: base.agencyID)
        let (userID, bcc) = try await base.store.withTenant(.agency(base.agencyID)) { tx in
            let user = try await tx.users.create(
                email: "rep-\(subAccountID.uuidString.prefix(6))@agency.example", name: "Rep")
            let bcc = try await tx.withScope(scope) { sub in
                let subAccount = try await sub.subAccounts.create(name: "Dental \(subAccountID.uuidString.prefix(4))")
                try await sub.users.addMembership(userID: user.id)
                return subAccount.bccAddress
            }
            return (user.id, bcc)
        }
        let http = HTTPClient.shared
        let origin = URL(string: consentOrigin)!
        let lifecycle = ConnectionLifecycle(
            store: base.store, queue: JobQueue(client: base.store.client),
            providers: ProviderRegistry([
                GmailProvider(
                    configuration: GoogleConfiguration.servedFrom(origin, clientID: "pages", clientSecret: "secret"),
                    httpClient: http)
            ]),
            redirectURI: "http://127.0.0.1:8080/oauth/callback", pushTarget: { _, _ in PushTarget() },
            logger: Logger(label: "test.pages"))
        var dependencies = base.dependencies
        dependencies.lifecycle = lifecycle
        dependencies.sending = OutboundEmailWriter(
            settings: SendSettings(messageIDDomain: "pages.test.example", publicURL: publicURL), keyring: base.store.keyring,
            queue: JobQueue(client: base.store.client))
        dependencies.pages = PagesConfiguration(
            publicURL: publicURL, emulatedMailboxesURL: "http://127.0.0.1:8090/emulator/mailboxes")
        let app = APITestApp(
            store: base.store, agencyID: base.agencyID, apiKey: base.apiKey, dependencies: dependencies)
        let token = try UserToken(scope: scope, userID: userID, expiresAt: Date().addingTimeInterval(3600)).signed(
            with: base.store.keyring)
        return PageWorld(app: app, scope: scope, userID: userID, token: token.value, bccAddress: bcc)
    }

    /// A connection of the user to a new mailbox, as the OAuth callback would leave it.
    @discardableResult
    func connect(provider: SyncCore.ProviderKind, address: String) async throws -> UUID {
        try await app.store.withTenant(scope) { tx in
            let mailbox = try await tx.mailboxes.upsert(
                provider: provider, accountID: "acct-\(address)", address: address)
            return try await tx.connections.create(
                userID: userID, mailboxID: mailbox.id,
                tokens: ConnectionTokens(
                    accessToken: SecretText("access"), refreshToken: SecretText("refresh"), expiresAt: nil),
                scopes: []
            ).id
        }
    }
}

/// One browser: sends its cookies, keeps the ones the pages set.
final class PageBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    var acceptLanguage = "en-US,en;q=0.8"

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        var status: HTTPResponse.Status
        var location: String?
        var html: String
        var setCookies: [String]
    }

    /// Sets a cookie by hand (an old session, another user's).
    func set(cookie name: String, _ value: String) {
        cookies[name] = value
    }

    func get(_ uri: String) async throws -> Page {
        try await send(.get, uri, form: nil)
    }

    func post(_ uri: String, _ form: [String: String]) async throws -> Page {
        try await send(.post, uri, form: form)
    }

    /// Signs in with `token` through the form; returns the answer to the post.
    func signIn(_ token: String) async throws -> Page {
        let form = try await get("/app/sign-in")
        return try await post("/app/sign-in", ["csrf": try PageBrowser.csrf(in: form.html), "token": token])
    }

    /// The CSRF token of the first form of a page.
    static func csrf(in html: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    private func send(_ method: HTTPRequest.Method, _ uri: String, form: [String: String]?) async throws -> Page {
        var headers: HTTPFields = [.acceptLanguage: acceptLanguage]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            var components = URLComponents()
            components.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
            let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            body = ByteBuffer(string: encoded)
        }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Page(
                status: response.status, location: response.headers[.location],
                html: String(buffer: response.body), setCookies: response.headers[values: .setCookie])
        }
        for header in page.setCookies {
            let pair = header.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }
}
