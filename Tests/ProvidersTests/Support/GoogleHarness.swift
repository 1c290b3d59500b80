import AsyncHTTPClient
import Emulators
import Foundation
import Mail
import NIOCore
import NIOHTTP1
import Providers

/// A Google emulator on a free loopback port, a Gmail client configured against it, and the
/// emulator's control API, for one test.
struct GoogleHarness: Sendable {
    static let clientID = "contract-test-client"
    static let clientSecret = "contract-test-secret"
    static let redirectURI = "http://127.0.0.1:1/oauth/google/callback"
    static let pushTopic = "projects/mailsync-test/topics/gmail"
    static let pushAudience = "https://mailsync.test/webhooks/gmail"
    static let pushServiceAccount = "gmail-push@mailsync-test.iam.gserviceaccount.com"

    let origin: URL
    let emulator: GoogleEmulator
    let http: HTTPClient
    let configuration: GoogleConfiguration
    let gmail: GmailProvider

    /// Runs `body` with a fresh emulator and client; everything is shut down afterwards.
    static func run<T: Sendable>(
        settings: GoogleEmulatorSettings = GoogleEmulatorSettings(), historyPageSize: Int = 500,
        _ body: @Sendable (GoogleHarness) async throws -> T
    ) async throws -> T {
        var settings = settings
        settings.clients[clientID] = clientSecret
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let emulator = try await GoogleEmulator(settings: settings, httpClient: http)
            let result = try await EmulatorServer(emulators: [emulator]).withRunning { origin in
                let configuration = GoogleConfiguration.servedFrom(
                    origin, clientID: clientID, clientSecret: clientSecret, pushTopic: pushTopic,
                    pushAudience: pushAudience, pushServiceAccount: pushServiceAccount)
                let harness = GoogleHarness(
                    origin: origin, emulator: emulator, http: http, configuration: configuration,
                    gmail: GmailProvider(
                        configuration: configuration, httpClient: http, quota: QuotaLedger(),
                        historyPageSize: historyPageSize))
                return try await body(harness)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    // MARK: OAuth

    /// Creates the account, lets the consent page approve (minus `withheld` scopes), follows the
    /// redirect and exchanges the code: the whole web-server flow.
    func connect(_ email: String, aliases: [String] = [], withheld: [String] = []) async throws -> ProviderGrant {
        try await createAccount(email, aliases: aliases)
        try await control(.PUT, "accounts/\(email)/consent", json: ["decision": "approve", "withholdScopes": withheld])
        let pkce = PKCE()
        let location = try await consentRedirect(
            AuthorizationRequest(
                redirectURI: Self.redirectURI, state: "state-\(email)", codeChallenge: pkce.challenge, loginHint: email)
        )
        guard let code = location.queryItem("code") else { throw HarnessError("no code in \(location)") }
        return try await gmail.exchangeCode(code, codeVerifier: pkce.verifier, redirectURI: Self.redirectURI)
    }

    /// Follows the authorization URL to the emulator's redirect and returns its Location.
    func consentRedirect(_ request: AuthorizationRequest) async throws -> URLComponents {
        let response = try await http.execute(
            HTTPClientRequest(url: gmail.authorizationURL(for: request).absoluteString), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 302, let location = response.headers.first(name: "Location"),
            let components = URLComponents(string: location)
        else { throw HarnessError("expected a redirect, got \(response.status.code)") }
        return components
    }

    /// A connected mailbox's access.
    func access(_ grant: ProviderGrant) -> MailboxAccess {
        MailboxAccess(accessToken: grant.tokens.accessToken, accountID: grant.account.id)
    }

    // MARK: Control API

    func createAccount(_ email: String, aliases: [String] = []) async throws {
        try await control(.POST, "accounts", json: ["email": email, "aliases": aliases])
    }

    /// Delivers an inbound message; returns its Gmail id.
    @discardableResult
    func deliver(_ raw: [UInt8], to email: String, internalDate: Date? = nil) async throws -> String {
        let query = internalDate.map { "?internalDate=\(Int64($0.timeIntervalSince1970 * 1000))" } ?? ""
        let reply = try await control(.POST, "accounts/\(email)/deliver\(query)", body: raw)
        return try JSONDecoder().decode([String: String].self, from: Data(reply))["id"] ?? ""
    }

    /// Sends as the mailbox owner (as if from Gmail's web UI).
    @discardableResult
    func sendAsOwner(_ raw: [UInt8], from email: String, threadID: String? = nil) async throws -> ControlMessage {
        let query = threadID.map { "?threadId=\($0)" } ?? ""
        return try JSONDecoder().decode(
            ControlMessage.self, from: Data(try await control(.POST, "accounts/\(email)/send\(query)", body: raw)))
    }

    /// The mailbox's messages, oldest first.
    func mailbox(_ email: String) async throws -> [ControlMessage] {
        try JSONDecoder().decode(
            [ControlMessage].self, from: Data(try await control(.GET, "accounts/\(email)/messages")))
    }

    /// Acts as the owner on one message: `read`, `unread`, `trash`.
    func ownerAction(_ action: String, message id: String, of email: String) async throws {
        try await control(.POST, "accounts/\(email)/messages/\(id)/\(action)")
    }

    func injectFault(_ endpoint: String, status: Int, count: Int = 1, retryAfter: Int? = nil) async throws {
        var fault: [String: Any] = ["endpoint": endpoint, "status": status, "count": count]
        fault["retryAfter"] = retryAfter
        try await control(.POST, "faults", body: Array(try JSONSerialization.data(withJSONObject: fault)))
    }

    @discardableResult
    func control(_ method: HTTPMethod, _ path: String, json: [String: any Sendable]) async throws -> [UInt8] {
        try await control(method, path, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    @discardableResult
    func control(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: origin.absoluteString + "/emulator/google/" + path)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(10))
        let bytes = Array(buffer: try await response.body.collect(upTo: 64 << 20))
        guard (200..<300).contains(response.status.code) else {
            throw HarnessError("control \(path): \(response.status.code) \(String(decoding: bytes, as: UTF8.self))")
        }
        return bytes
    }
}

/// A message as the control API lists it.
struct ControlMessage: Decodable, Sendable {
    var id: String
    var threadId: String
    var labelIds: [String]
    var internalDate: String
    var historyId: String
    var messageId: String?
    var subject: String
    var raw: String

    var rawText: String { String(decoding: Base64URL.decode(raw) ?? [], as: UTF8.self) }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension URLComponents {
    func queryItem(_ name: String) -> String? {
        queryItems?.first { $0.name == name }?.value
    }
}

/// Polls `condition` until it holds or `timeout` passes (tests never sleep to wait).
func eventually(
    timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
