import AsyncHTTPClient
import Foundation
import Mail
import NIOCore
import NIOHTTP1
import Testing

@testable import Providers

/// The client's reading of Google's documented JSON shapes (fixtures written after the examples
/// in Google's reference and guides), and the emulator's answers held to the same shapes.
@Suite struct GmailFixtureTests {
    @Test func historyListMapsToNeutralChanges() throws {
        let page = try JSONDecoder().decode(GmailHistoryList.self, from: try Fixtures.data("history-list.json"))
        #expect(page.historyId.value == 1_234_581)
        #expect(page.nextPageToken == "07316312862384733590")
        let changes = GmailHistoryReader.read(page.history ?? [])
        #expect(changes.changed.map(\.message.id) == ["18c2d5f0a1b2c3d4", "18c2d5f0a1b2c3e9"])
        #expect(changes.changed[1].state?.isTrashed == true)
        #expect(changes.changed[1].state?.isSent == true)
        #expect(
            changes.readStateChanges == [
                ReadStateChange(message: .init(id: "18c2d5f0a1b2c3d4", threadID: "18c2d5f0a1b2c3d4"), isRead: true)
            ])
        #expect(changes.deleted.map(\.id) == ["18c2d5f0a1b2c3f1"])
    }

    @Test func lastHistoryPageHasOnlyTheHistoryID() throws {
        let page = try JSONDecoder().decode(
            GmailHistoryList.self, from: try Fixtures.data("history-list-last-page.json"))
        #expect(page.history == nil && page.nextPageToken == nil && page.historyId.value == 1_234_581)
    }

    @Test func rawMessageDecodesWithPaddingAndItsInt64sAsStrings() throws {
        let message = try JSONDecoder().decode(GmailMessage.self, from: try Fixtures.data("message-raw.json"))
        #expect(message.internalDate?.value == 1_790_000_123_000)
        #expect(message.historyId?.value == 1_234_570)
        let raw = try #require(message.raw.flatMap(Base64URL.decode))
        #expect(String(decoding: raw, as: UTF8.self).hasPrefix("From: anna@example.com\r\n"))
    }

    @Test(arguments: [
        "message-list.json", "message-list-empty.json", "message-sent.json", "profile.json", "sendas-list.json",
        "watch-response.json", "token-response.json",
    ])
    func documentedShapesDecode(fixture: String) throws {
        let data = try Fixtures.data(fixture)
        switch fixture {
        case "message-list.json", "message-list-empty.json":
            _ = try JSONDecoder().decode(GmailMessageList.self, from: data)
        case "message-sent.json": _ = try JSONDecoder().decode(GmailMessage.self, from: data)
        case "profile.json": _ = try JSONDecoder().decode(GmailProfile.self, from: data)
        case "sendas-list.json": _ = try JSONDecoder().decode(GmailSendAsList.self, from: data)
        case "watch-response.json": _ = try JSONDecoder().decode(GmailWatchResponse.self, from: data)
        default: _ = try JSONDecoder().decode(GoogleTokenResponse.self, from: data)
        }
    }

    @Test func idTokenClaimsNameTheAccount() throws {
        let response = try JSONDecoder().decode(
            GoogleTokenResponse.self, from: try Fixtures.data("token-response.json"))
        let claims = try GoogleIDTokenClaims(jwt: try #require(response.id_token))
        #expect(
            claims.sub == "110169484474386276334" && claims.audience == "client-1" && claims.email == "anna@example.com"
        )
        #expect(GoogleScopes.missing(from: (response.scope ?? "").split(separator: " ").map(String.init)).isEmpty)
    }

    @Test func pushEnvelopeFromTheGuideDecodesWithAStringHistoryID() throws {
        let notification = try GmailPushNotification(body: Array(try Fixtures.data("push-envelope.json")))
        #expect(notification.emailAddress == "user@example.com")
        #expect(notification.historyID == 9_876_543_210)
        #expect(notification.subscription == "projects/myproject/subscriptions/mysubscription")
    }

    @Test(arguments: [
        ("error-401.json", 401, ProviderError.Code.unauthorized, "authError"),
        ("error-403-user-rate-limit.json", 403, .rateLimited, "userRateLimitExceeded"),
        ("error-403-insufficient-scope.json", 403, .insufficientScope, "insufficientPermissions"),
        ("error-404.json", 404, .notFound, "notFound"),
        ("error-429.json", 429, .rateLimited, "rateLimitExceeded"),
        ("error-500.json", 500, .transient, "backendError"),
    ])
    func documentedErrorBodiesMapToTypedErrors(
        fixture: String, status: Int, code: ProviderError.Code, reason: String
    ) throws {
        let reply = HTTPReply(status: status, headers: ["Retry-After": "3"], body: Array(try Fixtures.data(fixture)))
        let error = GoogleErrorMapping.apiError(reply)
        #expect(error.code == code)
        #expect(error.providerCode == reason)
        #expect(error.retryAfter == (code == .rateLimited ? .seconds(3) : nil))
        #expect(!error.description.contains("Invalid Credentials"))
    }

    @Test func invalidGrantWhileRefreshingMeansReauth() throws {
        let reply = HTTPReply(
            status: 400, headers: [:], body: Array(try Fixtures.data("token-error-invalid-grant.json")))
        #expect(GoogleErrorMapping.oauthError(reply, refreshing: true).code == .needsReauth)
        #expect(GoogleErrorMapping.oauthError(reply, refreshing: false).code == .permanent)
    }

    /// Each emulator answer uses only fields the documented shape has, and has its required ones.
    @Test func emulatorAnswersHaveTheDocumentedShapes() async throws {
        try await GoogleHarness.run(historyPageSize: 1) { google in
            let grant = try await google.connect("anna@example.com", aliases: ["sales@example.com"])
            let token = grant.tokens.accessToken
            let start = try await google.gmail.currentCursor(access: google.access(grant))["historyId"] ?? ""
            let id = try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "S", messageID: "s@x"),
                to: "anna@example.com")
            try await google.deliver(
                RawMessages.message(from: "y@outside.test", to: "anna@example.com", subject: "U", messageID: "u@x"),
                to: "anna@example.com")
            try await google.ownerAction("read", message: id, of: "anna@example.com")
            try await google.ownerAction("trash", message: id, of: "anna@example.com")
            try await google.control(.DELETE, "accounts/anna@example.com/messages/\(id)")
            let sentID = try await google.sendAsOwner(
                RawMessages.message(from: "anna@example.com", to: "c@outside.test", subject: "T", messageID: "t@x"),
                from: "anna@example.com"
            ).id
            let cases: [(String, String, Set<String>)] = [
                ("history?startHistoryId=\(start)&maxResults=50", "history-list.json", ["historyId"]),
                ("messages?maxResults=1", "message-list.json", ["messages", "resultSizeEstimate", "nextPageToken"]),
                ("messages?q=rfc822msgid:none", "message-list-empty.json", ["resultSizeEstimate"]),
                (
                    "messages/\(sentID)?format=raw", "message-raw.json",
                    ["id", "threadId", "raw", "internalDate", "historyId"]
                ),
                ("profile", "profile.json", ["emailAddress", "historyId"]),
                ("settings/sendAs", "sendas-list.json", ["sendAs", "sendAs[].sendAsEmail"]),
            ]
            for (path, fixture, required) in cases {
                let answer = try await get(google, path: path, token: token)
                let documented = Fixtures.keyPaths(try JSONSerialization.jsonObject(with: try Fixtures.data(fixture)))
                let actual = Fixtures.keyPaths(answer)
                #expect(actual.isSubset(of: documented), "\(path): \(actual.subtracting(documented))")
                #expect(required.isSubset(of: actual), "\(path): missing \(required.subtracting(actual))")
            }
            let history = try #require(
                try await get(google, path: "history?startHistoryId=\(start)", token: token) as? [String: Any])
            #expect(history["historyId"] is String)
            let records = try #require(history["history"] as? [[String: Any]])
            #expect(records.allSatisfy { $0["id"] is String })
        }
    }

    private func get(_ google: GoogleHarness, path: String, token: String) async throws -> Any {
        var request = HTTPClientRequest(url: google.origin.absoluteString + "/gmail/v1/users/me/" + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await google.http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status == .ok, "\(path)")
        return try JSONSerialization.jsonObject(with: Data(buffer: body))
    }
}
