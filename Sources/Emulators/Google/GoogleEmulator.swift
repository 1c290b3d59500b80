import AsyncHTTPClient
import Foundation
import Logging

/// Google's OAuth 2.0 endpoints, the Gmail API (with its batch endpoint) and Pub/Sub push, over
/// an in-memory `GoogleWorld`, at the paths Google publishes, plus a control API under
/// `/emulator/google/` for tests and the demo. Point `GoogleConfiguration.servedFrom(origin)` at
/// the server it runs in.
///
/// ```swift
/// let google = try await GoogleEmulator(httpClient: .shared)
/// await google.world.createAccount(email: "anna@example.com")
/// try await EmulatorServer(emulators: [google]).withRunning { origin in ... }
/// ```
public struct GoogleEmulator: Emulator {
    /// The accounts, mailboxes, grants and faults.
    public let world: GoogleWorld
    /// The key the emulator signs ID tokens and push tokens with; its JWKS is served at
    /// `/oauth2/v3/certs`.
    public let signingKey: JWTSigningKey
    let pushLog: PushLog
    let now: @Sendable () -> Date

    /// Creates an emulator with a fresh signing key; `httpClient` delivers Pub/Sub pushes.
    public init(
        settings: GoogleEmulatorSettings = GoogleEmulatorSettings(), httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "mailsync.emulators.google"), now: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        let key = try await JWTSigningKey.generate()
        let log = PushLog()
        signingKey = key
        pushLog = log
        self.now = now
        world = GoogleWorld(
            settings: settings,
            pusher: PubSubPusher(httpClient: httpClient, key: key, log: log, logger: logger, now: now),
            now: now)
    }

    /// Every push attempted so far, oldest first.
    public func pushDeliveries() async -> [PushDelivery] {
        await pushLog.deliveries
    }

    /// Routes Google's paths (OAuth, JWKS, Gmail API, batch) and the control API.
    public func handle(_ request: EmulatorRequest) async -> EmulatorReply? {
        let path = request.segments
        switch (request.method, path) {
        case ("GET", ["o", "oauth2", "v2", "auth"]): return await authorize(request)
        case ("POST", ["o", "oauth2", "v2", "auth", "consent"]): return await consent(request)
        case ("POST", ["token"]): return await token(request)
        case ("POST", ["revoke"]): return await revoke(request)
        // Google's signing keys, https://www.googleapis.com/oauth2/v3/certs
        // https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken
        case ("GET", ["oauth2", "v3", "certs"]):
            return EmulatorReply(
                status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")],
                body: Array(signingKey.jwksJSON.utf8))
        case ("POST", ["batch", "gmail", "v1"]): return await batch(request)
        default: break
        }
        if path.starts(with: ["gmail", "v1"]) || path.starts(with: ["upload", "gmail", "v1"]) {
            return await gmail(request)
        }
        if path.starts(with: ["emulator", "google"]) {
            return await control(request, path: Array(path.dropFirst(2)))
        }
        return nil
    }
}
