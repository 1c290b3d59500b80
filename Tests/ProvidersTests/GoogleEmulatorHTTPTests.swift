import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Emulator behaviours the Gmail client does not exercise, checked over raw HTTP: they keep the
/// emulator as strict as Google for other clients (and for the service's future calls).
@Suite struct GoogleEmulatorHTTPTests {
    private func call(
        _ google: GoogleHarness, _ method: HTTPMethod, _ path: String, token: String?, contentType: String? = nil,
        body: String? = nil
    ) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: google.origin.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await google.http.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    @Test func uploadSendTakesRawMIMEAndFilesItAsSent() async throws {
        try await GoogleHarness.run { google in
            let token = try await google.connect("anna@example.com").tokens.accessToken
            let raw = String(
                decoding: RawMessages.message(
                    from: "anna@example.com", to: "c@outside.test", subject: "U", messageID: "u@x"),
                as: UTF8.self)
            let answer = try await call(
                google, .POST, "/upload/gmail/v1/users/me/messages/send?uploadType=media", token: token,
                contentType: "message/rfc822", body: raw)
            #expect(answer.status == 200)
            #expect(answer.body.contains("\"labelIds\":[\"SENT\"]"))
            #expect(try await google.mailbox("anna@example.com").map(\.messageId) == ["u@x"])
        }
    }

    @Test func callsForAnotherUserOrBeyondTheGrantedScopesAreRefused() async throws {
        try await GoogleHarness.run { google in
            let token = try await google.connect("anna@example.com").tokens.accessToken
            try await google.createAccount("bob@example.com")
            let other = try await call(google, .GET, "/gmail/v1/users/bob@example.com/profile", token: token)
            #expect(other.status == 403 && other.body.contains("Delegation denied"))
            let id = try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "D", messageID: "d@x"),
                to: "anna@example.com")
            let delete = try await call(google, .DELETE, "/gmail/v1/users/me/messages/\(id)", token: token)
            #expect(delete.status == 403 && delete.body.contains("insufficientPermissions"))
            let sentLabel = try await call(
                google, .POST, "/gmail/v1/users/me/messages/\(id)/modify", token: token,
                contentType: "application/json",
                body: #"{"addLabelIds":["SENT"]}"#)
            #expect(sentLabel.status == 400)
            let anonymous = try await call(google, .GET, "/gmail/v1/users/me/profile", token: nil)
            #expect(anonymous.status == 401 && anonymous.body.contains("authError"))
        }
    }

    @Test func aBatchOfMoreThanOneHundredCallsIsRefused() async throws {
        try await GoogleHarness.run { google in
            let token = try await google.connect("anna@example.com").tokens.accessToken
            let part = "--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/profile HTTP/1.1\r\n\r\n"
            let body = String(repeating: part, count: 101) + "--b--\r\n"
            let answer = try await call(
                google, .POST, "/batch/gmail/v1", token: token, contentType: "multipart/mixed; boundary=b", body: body)
            #expect(answer.status == 400)
        }
    }

    @Test func theTokenEndpointRefusesAnUnknownClientAndAnUnknownGrantType() async throws {
        try await GoogleHarness.run { google in
            let wrongSecret = try await call(
                google, .POST, "/token", token: nil, contentType: "application/x-www-form-urlencoded",
                body: "grant_type=refresh_token&refresh_token=x&client_id=\(GoogleHarness.clientID)&client_secret=nope")
            #expect(wrongSecret.status == 401 && wrongSecret.body.contains("invalid_client"))
            let wrongType = try await call(
                google, .POST, "/token", token: nil, contentType: "application/x-www-form-urlencoded",
                body:
                    "grant_type=password&client_id=\(GoogleHarness.clientID)&client_secret=\(GoogleHarness.clientSecret)"
            )
            #expect(wrongType.status == 400 && wrongType.body.contains("unsupported_grant_type"))
        }
    }
}
