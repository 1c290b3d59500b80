import Foundation
import Providers

/// A provider whose only working call is `refreshTokens`, answering from a script and counting
/// calls; every other call fails with `permanent`. For `TokenManager` tests without HTTP.
struct ScriptedRefreshProvider: MailProvider {
    /// What the next refreshes answer, in order; the last one repeats.
    actor Script {
        private var answers: [Result<OAuthTokens, ProviderError>]
        private(set) var calls = 0
        private let gate: AsyncStream<Void>?

        init(_ answers: [Result<OAuthTokens, ProviderError>], gate: AsyncStream<Void>? = nil) {
            self.answers = answers
            self.gate = gate
        }

        func next() async -> Result<OAuthTokens, ProviderError> {
            calls += 1
            if let gate {
                for await _ in gate { break }
            }
            return answers.count > 1 ? answers.removeFirst() : answers[0]
        }
    }

    let script: Script

    var kind: ProviderKind { .gmail }
    var supportsRevocation: Bool { false }

    func refreshTokens(refreshToken: String) async throws -> OAuthTokens {
        try await script.next().get()
    }

    func authorizationURL(for request: AuthorizationRequest) -> URL { URL(string: "https://unused.invalid")! }
    func exchangeCode(_ code: String, codeVerifier: String, redirectURI: String) async throws -> ProviderGrant {
        throw Self.unused
    }
    func revoke(token: String) async throws { throw Self.unused }
    func profile(access: MailboxAccess) async throws -> ProviderProfile { throw Self.unused }
    func currentCursor(access: MailboxAccess) async throws -> MailboxCursor { throw Self.unused }
    func startPush(_ target: PushTarget, access: MailboxAccess) async throws -> PushSubscription { throw Self.unused }
    func renewPush(_ subscription: PushSubscription, target: PushTarget, access: MailboxAccess) async throws
        -> PushSubscription
    { throw Self.unused }
    func stopPush(_ subscription: PushSubscription, access: MailboxAccess) async throws { throw Self.unused }
    func changes(since cursor: MailboxCursor, access: MailboxAccess) async throws -> MailboxChanges {
        throw Self.unused
    }
    func listMessages(in window: DateInterval, pageToken: String?, access: MailboxAccess) async throws
        -> MessageListPage
    { throw Self.unused }
    func fetchMessage(_ message: ProviderMessageRef, access: MailboxAccess) async throws -> FetchedMessage {
        throw Self.unused
    }
    func findMessage(messageID: String, access: MailboxAccess) async throws -> ProviderMessageRef? { throw Self.unused }
    func send(_ request: SendRequest, access: MailboxAccess) async throws -> SendResult { throw Self.unused }
    func setRead(_ isRead: Bool, message: ProviderMessageRef, access: MailboxAccess) async throws { throw Self.unused }

    private static let unused = ProviderError(.permanent, providerCode: "notScripted")
}
