import Foundation
import Testing

@testable import Providers

/// Graph's documented JSON (fixtures from learn.microsoft.com examples) read by the client, and
/// the configuration and scope rules.
@Suite struct GraphWireTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/graph")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test func deltaPageFromTheDocsDecodesRemovedEntriesAndTheDeltaLink() throws {
        let page = try GraphResponse(status: 200, headers: [:], body: Self.fixture("delta-page.json"))
            .decode(GraphPage<GraphMessage>.self)
        #expect(page.deltaLink?.contains("$deltatoken=") == true)
        #expect(page.nextLink == nil)
        #expect(page.value.count == 2)
        #expect(page.value[0].removed?.reason == "deleted")
        #expect(page.value[1].removed == nil)
        #expect(page.value[1].isRead == true)
    }

    @Test(arguments: [
        ("error-sync-state-not-found.json", 410, ProviderError.Code.cursorExpired, "SyncStateNotFound"),
        ("error-throttled.json", 429, ProviderError.Code.rateLimited, "ApplicationThrottled"),
        ("error-item-not-found.json", 404, ProviderError.Code.notFound, "ErrorItemNotFound"),
        ("error-invalid-token.json", 401, ProviderError.Code.unauthorized, "InvalidAuthenticationToken"),
        ("error-validation-failed.json", 400, ProviderError.Code.permanent, "InvalidRequest"),
    ])
    func errorBodiesMapToProviderErrors(file: String, status: Int, code: ProviderError.Code, providerCode: String)
        throws
    {
        let response = GraphResponse(status: status, headers: ["Retry-After": "1.25"], body: try Self.fixture(file))
        let error = GraphErrorMapper.error(for: response)
        #expect(error.code == code)
        #expect(error.providerCode == providerCode)
        #expect(error.httpStatus == status)
        #expect(error.providerMessage?.isEmpty == false)
        #expect(!error.description.contains(error.providerMessage!))
        #expect(error.retryAfter == .milliseconds(1250))
    }

    @Test func tokenErrorFromTheDocsNamesItsAADSTSCode() throws {
        let error = try JSONDecoder().decode(
            MicrosoftTokenError.self, from: Data(Self.fixture("token-error-consent.json")))
        #expect(error.error == "invalid_grant")
        #expect(error.aadstsCode == "AADSTS65001")
        #expect(error.suberror == "consent_required")
    }

    @Test(arguments: [
        ("Mail.ReadWrite Mail.Send User.Read openid email", [String]()),
        (
            "https://graph.microsoft.com/mail.readwrite https://graph.microsoft.com/Mail.Send https://graph.microsoft.com/User.Read",
            []
        ),
        ("openid Mail.ReadWrite User.Read", ["Mail.Send"]),
        ("", ["User.Read", "Mail.ReadWrite", "Mail.Send"]),
    ])
    func grantedScopesAreCheckedInEitherForm(granted: String, missing: [String]) {
        #expect(MicrosoftScopes.missing(fromGranted: granted) == missing)
    }

    @Test(arguments: [("0.25", 250), ("2", 2000), (" 1.5 ", 1500), ("0.0001", 1)])
    func retryAfterReadsFractionalSeconds(header: String, milliseconds: Int64) {
        #expect(GraphRetryAfter.duration(header) == .milliseconds(milliseconds))
    }

    @Test func retryAfterIgnoresWhatIsNotSeconds() {
        #expect(GraphRetryAfter.duration("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(GraphRetryAfter.duration(nil) == nil)
        #expect(GraphRetryAfter.duration("-1") == nil)
    }

    @Test func graphDatesWithSevenFractionDigitsAreRead() throws {
        let date = try #require(GraphDate.parse("2016-03-20T11:00:00.5000000Z"))
        #expect(date.timeIntervalSince1970 == 1_458_471_600.5)
        #expect(GraphDate.parse("2016-03-19T22:11:09Z")?.timeIntervalSince1970 == 1_458_425_469)
        #expect(GraphDate.format(Date(timeIntervalSince1970: 1_458_425_469)) == "2016-03-19T22:11:09Z")
    }

    @Test func configurationReadsTheEnvironmentWithRealDefaults() {
        let defaults = MicrosoftConfiguration.fromEnvironment([:])
        #expect(defaults.tokenURL == "https://login.microsoftonline.com/common/oauth2/v2.0/token")
        #expect(defaults.authorizeURL == "https://login.microsoftonline.com/common/oauth2/v2.0/authorize")
        #expect(defaults.graphURL == "https://graph.microsoft.com/v1.0")
        #expect(defaults.subscriptionMaxMinutes == 10080)
        let custom = MicrosoftConfiguration.fromEnvironment([
            "MAILSYNC_MICROSOFT_CLIENT_ID": "id", "MAILSYNC_MICROSOFT_CLIENT_SECRET": "secret",
            "MAILSYNC_MICROSOFT_TENANT": "organizations", "MAILSYNC_MICROSOFT_LOGIN_URL": "http://127.0.0.1:4000/",
            "MAILSYNC_GRAPH_API_URL": "http://127.0.0.1:4000/v1.0/", "MAILSYNC_GRAPH_SUBSCRIPTION_MAX_MINUTES": "4230",
        ])
        #expect(custom.clientID == "id")
        #expect(custom.tokenURL == "http://127.0.0.1:4000/organizations/oauth2/v2.0/token")
        #expect(custom.graphURL == "http://127.0.0.1:4000/v1.0")
        #expect(custom.subscriptionMaxMinutes == 4230)
    }

    @Test func validationEchoReturnsTheDecodedTokenAndRefusesMarkup() {
        let token = "Validation: Testing client application reachability for subscription Request-Id: 1"
        #expect(GraphNotificationVerifier.validationEcho(token) == token)
        #expect(GraphNotificationVerifier.validationEcho("<script>") == nil)
        #expect(GraphNotificationVerifier.validationEcho("") == nil)
    }

    @Test func verifierSortsChangesAndLifecycleEventsAndRejectsUnknownSubscriptions() async throws {
        let batch = try await GraphNotificationVerifier.verify(body: try Self.fixture("notifications.json")) { id in
            id == "sub-1" ? "secretClientValue" : nil
        }
        #expect(batch.changes.map(\.messageID) == ["AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A"])
        #expect(batch.changes.first?.changeType == "created")
        #expect(batch.changes.first?.subscriptionExpiresAt != nil)
        #expect(batch.lifecycleEvents.map(\.event) == [.reauthorizationRequired])
        #expect(batch.rejected == 2)
    }

    @Test func unreadableNotificationBodyThrows() async {
        await #expect(throws: GraphNotificationError.self) {
            _ = try await GraphNotificationVerifier.verify(body: Array("not json".utf8)) { _ in "x" }
        }
    }
}
