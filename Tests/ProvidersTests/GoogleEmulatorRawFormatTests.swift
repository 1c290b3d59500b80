import Foundation
import Mail
import Testing

@testable import Emulators
@testable import Providers

/// `messages.get?format=raw` answers, written with the `raw` field spliced in as bytes, are what
/// `JSONEncoder` wrote when `raw` was a `String`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/get
@Suite struct GoogleEmulatorRawFormatTests {
    @Test func rawAnswersAreTheBytesAndValuesTheEncoderWrote() async throws {
        try await GoogleHarness.run { google in
            let email = "anna@example.com"
            let token = try await google.connect(email).tokens.accessToken
            // Consecutive sizes give every base64 tail (no padding, `=`, `==`); quotes, a backslash
            // and UTF-8 in the snippet need JSON escaping around the spliced field.
            for size in [0, 1, 2, 60_000] {
                let raw = RawMessages.message(
                    from: "x@outside.test", to: email, subject: "Quote \"A\" für </b>", messageID: "m\(size)@x",
                    body: "Größe \"\(size)\" \\ " + String(repeating: "x", count: size))
                let id = try await google.deliver(raw, to: email)
                let request = EmulatorRequest(
                    method: "GET", target: "/gmail/v1/users/me/messages/\(id)?format=raw",
                    headers: ["Authorization": "Bearer \(token)"])
                let reply = try #require(await google.emulator.handle(request))
                let message = try #require(await google.emulator.world.message(id, of: email))
                let before = EmulatorReply.json(
                    MessageJSON(
                        id: message.id, threadId: message.threadID, labelIds: message.sortedLabels,
                        snippet: message.snippet, historyId: String(message.historyID),
                        internalDate: String(message.internalDate), sizeEstimate: message.raw.count,
                        raw: Base64URL.encode(message.raw, padded: true)))
                #expect(reply.status == 200)
                let headerLines = { (reply: EmulatorReply) in reply.headers.map { "\($0.name): \($0.value)" } }
                #expect(headerLines(reply) == headerLines(before))
                #expect(reply.body == before.body)
                let decoded = try JSONDecoder().decode(GmailMessage.self, from: Data(reply.body))
                #expect(decoded == (try JSONDecoder().decode(GmailMessage.self, from: Data(before.body))))
                #expect(decoded.snippet?.contains("\"") == true)
                let text = try #require(decoded.raw)
                #expect(text.utf8.count % 4 == 0)
                #expect(Base64URL.decode(text) == message.raw)
            }
        }
    }
}
