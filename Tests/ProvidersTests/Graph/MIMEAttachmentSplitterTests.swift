import Foundation
import Mail
import Testing

@testable import Providers

/// Taking attachments out of a message that is too large for one Graph request.
@Suite struct MIMEAttachmentSplitterTests {
    private func message(_ attachments: [(String, Int)]) throws -> BuiltMessage {
        var outgoing = OutgoingMessage(
            from: MailAddress(address: "a@crm.test"), to: [MailAddress(address: "b@ext.test")], subject: "Files")
        outgoing.messageID = "m1@crm.test"
        outgoing.inReplyTo = "p@ext.test"
        outgoing.textBody = "See attached."
        outgoing.attachments = attachments.map { name, size in
            OutgoingAttachment(
                filename: name, contentType: "application/pdf",
                data: (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) })
        }
        return try MessageBuilder(messageIDDomain: "crm.test").build(outgoing)
    }

    @Test func largestAttachmentsLeaveFirstAndTheRestStaysByteForByte() throws {
        let built = try message([("small.pdf", 10_000), ("big.pdf", 900_000), ("mid.pdf", 300_000)])
        let split = try MIMEAttachmentSplitter.split(built.bytes, base64Limit: 800_000)
        #expect(split.files.map(\.name) == ["big.pdf"])
        #expect(split.files.first?.bytes.count == 900_000)
        #expect(split.files.first?.contentType == "application/pdf")
        #expect(MIMEAttachmentSplitter.base64Length(split.mime.count) <= 800_000)
        let parsed = MessageParser().parse(split.mime)
        #expect(parsed.messageID == "m1@crm.test")
        #expect(parsed.inReplyTo == ["p@ext.test"])
        #expect(parsed.textBody?.contains("See attached.") == true)
        #expect(parsed.attachments.compactMap(\.filename).sorted() == ["mid.pdf", "small.pdf"])
        #expect(parsed.warnings.isEmpty)
    }

    @Test func messageThatFitsKeepsEverything() throws {
        let built = try message([("a.pdf", 1000)])
        let split = try MIMEAttachmentSplitter.split(built.bytes, base64Limit: 1_000_000)
        #expect(split.files.isEmpty)
        #expect(split.mime == built.bytes)
    }

    @Test func messageWithoutAttachmentsToTakeOutIsTooLarge() throws {
        let built = try message([])
        let error = #expect(throws: ProviderError.self) {
            _ = try MIMEAttachmentSplitter.split(built.bytes, base64Limit: 10)
        }
        #expect(error?.providerCode == "messageTooLarge")
    }
}
