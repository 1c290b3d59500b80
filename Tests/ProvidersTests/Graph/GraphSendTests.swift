import AsyncHTTPClient
import Emulators
import Foundation
import Mail
import NIOCore
import Providers
import Testing

/// Sending raw MIME with our Message-ID: sendMail, replies in the conversation, large attachments.
@Suite struct GraphSendTests {
    @Test func sendMailKeepsOurMessageIDAndFindsTheSentCopy() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("ada@contoso.test")
            let lead = await fixture.state.createAccount(address: "lead@partner.test")
            let built = try TestMail.message(from: "ada@contoso.test", to: ["lead@partner.test"], subject: "Proposal")
            let result = try await fixture.client.send(
                SendRequest(raw: built.bytes, messageID: built.messageID, threadID: nil), access: me.access)
            let copy = try await fixture.state.message(result.message.id, in: me.account.id)
            #expect(copy.internetMessageID == "<\(built.messageID)>")
            #expect(copy.folderID == (try await fixture.state.folderID("sentitems", in: me.account.id)))
            #expect(result.message.threadID == copy.conversationID)
            let received =
                try await fixture.state.mailbox(of: lead.id).first { $0.wellKnownName == "inbox" }?.messages ?? []
            #expect(received.map(\.internetMessageID) == ["<\(built.messageID)>"])
            #expect(
                try await fixture.client.findMessage(messageID: built.messageID, access: me.access) == result.message)
        }
    }

    @Test func replyLandsInTheSameConversationWithOurThreadingHeaders() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("ben@contoso.test")
            let inbound = try TestMail.message(
                from: "lead@ext.test", to: ["ben@contoso.test"], subject: "Question", messageID: "q1@ext.test",
                references: ["q0@ext.test"])
            let parent = try await fixture.state.deliver(inbound.bytes, to: me.account.id)
            let reply = try TestMail.message(
                from: "ben@contoso.test", to: ["lead@ext.test"], subject: "Re: Question", body: "Answer",
                inReplyTo: "q1@ext.test", references: ["q0@ext.test", "q1@ext.test"])
            let result = try await fixture.client.send(
                SendRequest(raw: reply.bytes, messageID: reply.messageID, threadID: parent.conversationID),
                access: me.access)
            #expect(result.message.threadID == parent.conversationID)
            let sent = try await fixture.client.fetchMessage(result.message, access: me.access)
            #expect(sent.state.isSent)
            #expect(sent.message.threadID == parent.conversationID)
            let parsed = MessageParser().parse(sent.raw)
            #expect(parsed.messageID == reply.messageID)
            #expect(parsed.inReplyTo == ["q1@ext.test"])
            #expect(parsed.references == ["q0@ext.test", "q1@ext.test"])
            let drafts =
                try await fixture.state.mailbox(of: me.account.id).first { $0.wellKnownName == "drafts" }?.messages
                ?? []
            #expect(drafts.isEmpty)
        }
    }

    @Test func sendWithA29MiBAttachmentGoesThroughAnUploadSession() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("cy@contoso.test")
            let lead = await fixture.state.createAccount(address: "lead@partner.test")
            let size = Int(2.9 * 1024 * 1024)
            let file = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
            let built = try TestMail.message(
                from: "cy@contoso.test", to: ["lead@partner.test"], subject: "Brochure", bcc: ["sync@bcc.crm.test"],
                attachments: [OutgoingAttachment(filename: "brochure.pdf", contentType: "application/pdf", data: file)])
            #expect(built.bytes.count * 4 / 3 > 4_000_000)
            let result = try await fixture.client.send(
                SendRequest(raw: built.bytes, messageID: built.messageID, threadID: nil), access: me.access)
            let sent = try await fixture.client.fetchMessage(result.message, access: me.access)
            let parsedSent = MessageParser().parse(sent.raw)
            #expect(parsedSent.messageID == built.messageID)
            #expect(parsedSent.attachments.first { $0.filename == "brochure.pdf" }?.data == file)
            #expect(sent.ownCopyBcc.map(\.address) == ["sync@bcc.crm.test"])
            let inbox =
                try await fixture.state.mailbox(of: lead.id).first { $0.wellKnownName == "inbox" }?.messages ?? []
            let received = try await fixture.state.rawMessage(try #require(inbox.first).id, in: lead.id)
            #expect(MessageParser().parse(received).attachments.first { $0.filename == "brochure.pdf" }?.data == file)
            #expect(MessageParser().parse(received).bcc.isEmpty)
            let stats = try await fixture.state.stats(account: me.account.id)
            #expect(stats.uploadSessionsCompleted == 1)
            #expect(stats.attachmentsPosted == 0)
            #expect(stats.requestsWithoutImmutableIDs == 0)
        }
    }

    @Test func sendWithSmallAttachmentsTakenOutUsesOnePostEach() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("dot@contoso.test")
            let files = (0..<3).map { index in
                OutgoingAttachment(
                    filename: "part\(index).zip", contentType: "application/zip",
                    data: (0..<1_200_000).map { UInt8(truncatingIfNeeded: $0 &+ index) })
            }
            let built = try TestMail.message(
                from: "dot@contoso.test", to: ["x@ext.test"], subject: "Parts", attachments: files)
            let result = try await fixture.client.send(
                SendRequest(raw: built.bytes, messageID: built.messageID, threadID: nil), access: me.access)
            let sent = MessageParser().parse(try await fixture.state.rawMessage(result.message.id, in: me.account.id))
            #expect(Set(sent.attachments.compactMap(\.filename)) == ["part0.zip", "part1.zip", "part2.zip"])
            for file in files {
                #expect(sent.attachments.first { $0.filename == file.filename }?.data == file.data)
            }
            let stats = try await fixture.state.stats(account: me.account.id)
            #expect(stats.attachmentsPosted >= 1)
            #expect(stats.uploadSessionsCompleted == 0)
        }
    }

    @Test func leftoverDraftOfAnInterruptedSendIsReplacedNotSentTwice() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("eli@contoso.test")
            let parent = try await fixture.state.deliver(
                try TestMail.message(
                    from: "lead@ext.test", to: ["eli@contoso.test"], subject: "Q", messageID: "p@ext.test"
                ).bytes,
                to: me.account.id)
            let reply = try TestMail.message(
                from: "eli@contoso.test", to: ["lead@ext.test"], subject: "Re: Q", inReplyTo: "p@ext.test",
                references: ["p@ext.test"])
            // An earlier attempt created the reply draft and died before sending it.
            var draft = HTTPClientRequest(
                url: "http://127.0.0.1:\(fixture.port)/v1.0/me/messages/\(parent.id)/createReply")
            draft.method = .POST
            draft.headers.add(name: "Authorization", value: "Bearer \(me.access.accessToken)")
            draft.headers.add(name: "Content-Type", value: "text/plain")
            draft.body = .bytes(ByteBuffer(string: Data(reply.bytes).base64EncodedString()))
            #expect(try await fixture.browser.execute(draft, timeout: .seconds(10)).status == .created)
            #expect(try await fixture.client.findMessage(messageID: reply.messageID, access: me.access) == nil)
            _ = try await fixture.client.send(
                SendRequest(raw: reply.bytes, messageID: reply.messageID, threadID: parent.conversationID),
                access: me.access)
            let copies = try await fixture.state.mailbox(of: me.account.id).flatMap(\.messages).filter {
                $0.internetMessageID == "<\(reply.messageID)>"
            }
            #expect(copies.count == 1)
            #expect(copies.first?.isDraft == false)
        }
    }
}
