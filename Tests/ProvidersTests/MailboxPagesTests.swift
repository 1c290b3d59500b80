import Foundation
import Mail
import Testing

@testable import Emulators

/// The emulated mailboxes' pages: what they list, and that their forms act as the mailbox owner
/// or deliver as a contact through the emulators' own delivery code.
@Suite struct MailboxPagesTests {
    /// One Google emulator for the suite: making one generates an RSA key, which is slow enough in
    /// a debug build to starve other suites when every test makes its own. Each test uses its own
    /// account there.
    static let google = Task { try await GoogleEmulator() }

    struct World {
        let google: GoogleEmulator
        let microsoft: MicrosoftEmulator
        let pages: MailboxPages
        let gmail: String

        static func make() async throws -> World {
            let google = try await MailboxPagesTests.google.value
            let gmail = "anna.\(UUID().uuidString.prefix(8).lowercased())@gmail.example"
            await google.world.createAccount(email: gmail)
            let microsoft = MicrosoftEmulator()
            await microsoft.state.createAccount(address: "olga@outlook.example")
            return World(
                google: google, microsoft: microsoft, pages: MailboxPages(google: google, microsoft: microsoft),
                gmail: gmail)
        }

        func get(_ target: String) async throws -> (status: Int, html: String) {
            let reply = try #require(await pages.handle(EmulatorRequest(method: "GET", target: target)))
            return (reply.status, String(decoding: reply.body, as: UTF8.self))
        }

        func post(_ target: String, _ form: [String: String]) async throws -> EmulatorReply {
            var components = URLComponents()
            components.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
            let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            return try #require(
                await pages.handle(
                    EmulatorRequest(
                        method: "POST", target: target, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                        body: Array(body.utf8))))
        }
    }

    @Test func theIndexListsEveryMailboxOfBothProviders() async throws {
        let world = try await World.make()
        let index = try await world.get("/emulator/mailboxes")
        #expect(index.status == 200)
        #expect(index.html.contains("href=\"/emulator/mailboxes/google/\(world.gmail)\""))
        #expect(index.html.contains("href=\"/emulator/mailboxes/microsoft/olga@outlook.example\""))
        #expect(await world.pages.handle(EmulatorRequest(method: "GET", target: "/gmail/v1/users/me/profile")) == nil)
    }

    @Test func anUnknownMailboxSaysSo() async throws {
        let world = try await World.make()
        let page = try await world.get("/emulator/mailboxes/google/nobody@gmail.example")
        #expect(page.status == 404)
        #expect(page.html.contains("There is no emulated mailbox nobody@gmail.example"))
    }

    @Test(arguments: ["google", "microsoft"])
    func mailFromAContactArrivesAndTheOwnersReplyJoinsItsThread(provider: String) async throws {
        let world = try await World.make()
        let base = "/emulator/mailboxes/\(provider)/\(provider == "google" ? world.gmail : "olga@outlook.example")"
        let empty = try await world.get(base)
        #expect(empty.html.contains("No mail yet."))
        let delivered = try await world.post(
            base + "/deliver",
            [
                "from": "maria@patients.example", "fromName": "Maria", "subject": "Appointment <Thursday>",
                "text": "Can we move it?",
            ])
        #expect(delivered.status == 303)
        #expect(delivered.header("Location")?.contains("notice=Delivered") == true)
        let inbox = try await world.get(base)
        #expect(inbox.html.contains("Appointment &lt;Thursday&gt;"))
        #expect(inbox.html.contains("Maria &lt;maria@patients.example&gt;"))
        let id = try #require(inbox.html.firstMatch(of: #/name="message" value="([^"]+)"/#)?.1)
        let replied = try await world.post(
            base + "/reply", ["message": String(id), "text": "Thursday works.", "view": "inbox"])
        #expect(replied.header("Location")?.contains("notice=Reply") == true)
        let sent = try await world.get(base + "?view=sent")
        #expect(sent.html.contains("Re: Appointment &lt;Thursday&gt;"))
        #expect(sent.html.contains("Thursday works."))
        let threads = try await world.get(base + "?view=threads")
        #expect(threads.html.components(separatedBy: "aria-label=\"Thread ").count == 2)
    }

    @Test func writingAsTheOwnerKeepsBccInTheSentCopy() async throws {
        let world = try await World.make()
        let answer = try await world.post(
            "/emulator/mailboxes/google/\(world.gmail)/send",
            ["to": "new.person@example.com", "bcc": "sync.abc@bcc.example", "subject": "Hello", "text": "Hi"])
        #expect(answer.status == 303)
        let sent = try #require(await world.google.world.messages(of: world.gmail)?.first)
        #expect(sent.labels.contains("SENT"))
        #expect(MessageParser().parse(sent.raw).bcc.map(\.address) == ["sync.abc@bcc.example"])
        let refused = try await world.post("/emulator/mailboxes/google/\(world.gmail)/send", ["subject": "No one"])
        #expect(refused.header("Location")?.contains("did%20not%20work") == true)
    }
}
