import Emulators
import Foundation
import Mail
import Providers
import Testing

/// Reading messages, the profile, finding by Message-ID, listing by time and read state.
@Suite struct GraphMessageTests {
    @Test func profileReadsTheAddressAndProxyAliases() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect(
                "ada@contoso.test", aliases: ["sales@contoso.test", "ada.l@contoso.test"])
            let profile = try await fixture.client.profile(access: me.access)
            #expect(profile.address == "ada@contoso.test")
            #expect(profile.aliases == ["sales@contoso.test", "ada.l@contoso.test"])
        }
    }

    @Test func fetchReturnsRawMIMEAndTheJSONFields() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("bo@contoso.test")
            let raw = try TestMail.inbound(from: "lead@ext.test", to: "bo@contoso.test", subject: "Quote")
            let delivered = try await fixture.state.deliver(raw, to: me.account.id)
            let fetched = try await fixture.client.fetchMessage(
                ProviderMessageRef(id: delivered.id, threadID: nil), access: me.access)
            #expect(fetched.raw == raw)
            #expect(fetched.message.id == delivered.id)
            #expect(fetched.message.threadID == delivered.conversationID)
            #expect(fetched.state.labels == ["inbox"])
            #expect(fetched.state.isRead == false)
            #expect(fetched.state.isSent == false)
            #expect(fetched.ownCopyBcc.isEmpty)
            #expect(abs(fetched.internalDate.timeIntervalSinceNow) < 60)
        }
    }

    @Test func sentCopyCarriesItsBccRecipients() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("cat@contoso.test")
            let built = try TestMail.message(
                from: "cat@contoso.test", to: ["lead@ext.test"], subject: "Offer", bcc: ["sync.k3v9x2@bcc.crm.test"])
            let sent = try await fixture.state.send(built.bytes, from: me.account.id)
            let fetched = try await fixture.client.fetchMessage(
                ProviderMessageRef(id: sent.id, threadID: nil), access: me.access)
            #expect(fetched.state.isSent)
            #expect(fetched.state.labels == ["sentitems"])
            #expect(fetched.ownCopyBcc.map(\.address) == ["sync.k3v9x2@bcc.crm.test"])
        }
    }

    @Test func fetchOfAMissingMessageIsNotFound() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("dan@contoso.test")
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.fetchMessage(
                    ProviderMessageRef(id: "AAkALgmissing", threadID: nil), access: me.access)
            }
            #expect(error?.code == .notFound)
            #expect(error?.providerCode == "ErrorItemNotFound")
        }
    }

    @Test func fetchMessagesReportsEachIDAndKeepsMissingOnesApart() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("eli@contoso.test")
            let first = try await fixture.receive("1", by: me, from: "a@ext.test")
            let second = try await fixture.receive("2", by: me, from: "b@ext.test")
            let results = try await fixture.client.fetchMessages(
                [first, second].map { ProviderMessageRef(id: $0.id, threadID: nil) } + [
                    ProviderMessageRef(id: "gone", threadID: nil)
                ],
                access: me.access)
            #expect(results.count == 3)
            #expect((try? results[first.id]?.get())?.message.id == first.id)
            #expect((try? results[second.id]?.get())?.message.id == second.id)
            guard case .failure(let error) = results["gone"] else {
                Issue.record("a missing message must fail alone")
                return
            }
            #expect(error.code == .notFound)
        }
    }

    @Test func findMessageByMessageIDIgnoresDrafts() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("flo@contoso.test")
            let inbound = try TestMail.message(
                from: "x@ext.test", to: ["flo@contoso.test"], subject: "Hi", messageID: "it's-1@ext.test")
            let delivered = try await fixture.state.deliver(inbound.bytes, to: me.account.id)
            let found = try await fixture.client.findMessage(messageID: "it's-1@ext.test", access: me.access)
            #expect(found == ProviderMessageRef(id: delivered.id, threadID: delivered.conversationID))
            #expect(try await fixture.client.findMessage(messageID: "absent@ext.test", access: me.access) == nil)
        }
    }

    @Test func listMessagesPagesNewestFirstAndSkipsJunk() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("gia@contoso.test")
            var ids = [String]()
            for index in 0..<3 {
                ids.append(try await fixture.receive("\(index)", by: me, from: "a@ext.test").id)
            }
            _ = try await fixture.receive("spam", by: me, from: "s@ext.test", folder: "junkemail")
            let window = DateInterval(start: Date().addingTimeInterval(-3600), end: Date().addingTimeInterval(60))
            var listed = [String]()
            var token: String?
            repeat {
                let page = try await fixture.client.listMessages(in: window, pageToken: token, access: me.access)
                listed += page.messages.map(\.id)
                token = page.nextPageToken
            } while token != nil
            #expect(listed == ids.reversed())
            let empty = try await fixture.client.listMessages(
                in: DateInterval(start: Date().addingTimeInterval(-7200), end: Date().addingTimeInterval(-3600)),
                pageToken: nil,
                access: me.access)
            #expect(empty.messages.isEmpty)
        }
    }

    @Test func setReadPatchesTheMailbox() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("hue@contoso.test")
            let delivered = try await fixture.receive("r", by: me, from: "a@ext.test")
            try await fixture.client.setRead(
                true, message: ProviderMessageRef(id: delivered.id, threadID: nil), access: me.access)
            #expect(try await fixture.state.message(delivered.id, in: me.account.id).isRead)
            try await fixture.client.setRead(
                false, message: ProviderMessageRef(id: delivered.id, threadID: nil), access: me.access)
            #expect(try await fixture.state.message(delivered.id, in: me.account.id).isRead == false)
        }
    }

    @Test func idsStayTheSameAfterAMoveBecauseEveryRequestPrefersImmutableIDs() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("ian@contoso.test")
            let delivered = try await fixture.receive("m", by: me, from: "a@ext.test")
            try await fixture.state.move(messageID: delivered.id, in: me.account.id, to: "archive")
            let fetched = try await fixture.client.fetchMessage(
                ProviderMessageRef(id: delivered.id, threadID: nil), access: me.access)
            #expect(fetched.message.id == delivered.id)
            #expect(fetched.state.labels == ["archive"])
        }
    }
}
