import Mail
import SyncCore
import Testing

/// SPEC rule 8: a too large attachment keeps the message out; an unsupported one is left behind.
@Suite struct AttachmentRulesTests {
    let fixture = RulesFixture()
    let limit = AttachmentPolicy.standard.maxBytes

    func decide(_ attachments: [AttachmentFacts]) -> SyncDecision {
        fixture.decide(inbound(from: "carla@customer.example", attachments: attachments))
    }

    @Test(arguments: [false, true])
    func attachmentOverTheLimitKeepsTheMessageOutInlineOrNot(inline: Bool) {
        let big = attachment(
            inline ? nil : "offer.pdf", inline ? "image/png" : "application/pdf", size: limit + 1, inline: inline)
        #expect(decide([attachment("small.txt", "text/plain"), big]) == .skip(.attachmentTooLarge))
    }

    @Test func attachmentOverTheLimitKeepsTheMessageOutEvenWhenItsTypeIsUnsupported() {
        #expect(decide([attachment("movie.mov", "video/quicktime", size: limit + 1)]) == .skip(.attachmentTooLarge))
    }

    @Test func attachmentAtTheLimitSyncs() throws {
        let plan = try #require(decide([attachment("offer.pdf", "application/pdf", size: limit)]).plan)
        #expect(plan.attachments.map(\.filename) == ["offer.pdf"])
    }

    @Test func limitIsTheSubAccountsSetting() {
        var small = fixture
        small.attachmentPolicy.maxBytes = 1_000
        let message = inbound(
            from: "carla@customer.example", attachments: [attachment("a.pdf", "application/pdf", size: 1_001)])
        #expect(small.decide(message) == .skip(.attachmentTooLarge))
    }

    @Test func unsupportedTypeIsRecordedAsNotSyncedAndTheMessageSyncs() throws {
        let gif = attachment("party.gif", "image/gif", size: 500)
        let plan = try #require(decide([attachment("Scan.PDF", "application/pdf"), gif]).plan)
        #expect(plan.attachments.map(\.filename) == ["Scan.PDF"])
        #expect(plan.unsyncedAttachments == [UnsyncedAttachment(attachment: gif, reason: .unsupportedType)])
        #expect(plan.unsyncedAttachments.first?.reason.rawValue == "unsupported_type")
    }

    @Test(
        arguments: [
            ("photo.JPG", "application/octet-stream", true),
            ("notes.txt", "application/octet-stream", true),
            ("archive.tar.gz", "application/gzip", false),
            ("invite.ics", "text/calendar", false),
            (nil, "image/png", true),
            (nil, "image/gif", false),
            ("README", "text/plain", true),
        ] as [(String?, String, Bool)])
    func typeIsJudgedByExtensionOrByMIMETypeWithoutOne(filename: String?, mimeType: String, supported: Bool) {
        #expect(AttachmentPolicy.standard.supports(attachment(filename, mimeType)) == supported)
    }

    @Test func notAContactWinsOverAttachmentTooLargeSoALateContactCanBringItBack() {
        let message = inbound(
            from: "stranger@else.example", attachments: [attachment("a.pdf", "application/pdf", size: limit + 1)])
        #expect(fixture.decide(message) == .skip(.notAContact))
    }

    @Test func factsOfAParsedMessageIncludeInlineParts() throws {
        let raw = """
            From: Carla <carla@customer.example>\r
            To: anna@agency.example\r
            Content-Type: multipart/related; boundary=b\r
            \r
            --b\r
            Content-Type: text/html\r
            \r
            <img src="cid:logo">\r
            --b\r
            Content-Type: image/gif\r
            Content-ID: <logo>\r
            \r
            GIF89a\r
            --b--\r

            """
        let facts = MessageFacts(message: MessageParser().parse(Array(raw.utf8)), inSentFolder: false)
        #expect(facts.attachments.count == 1)
        #expect(facts.attachments.first?.isInline == true)
        let plan = try #require(fixture.decide(facts).plan)
        #expect(plan.unsyncedAttachments.map(\.attachment.mimeType) == ["image/gif"])
    }
}
