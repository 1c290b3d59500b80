import Foundation
import Mail
import Testing

/// `mailsync mail parse` output: one JSON object with the fields operators read.
@Suite struct MailParseReportTests {
    @Test func reportHoldsTheDecodedFieldsAndAttachmentHashes() throws {
        let raw = try Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent("apple-mail-attachment.eml"))
        let line = MailParseReport(parsing: [UInt8](raw), file: "apple.eml").jsonLine()
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "apple.eml")
        #expect(object["subject"] as? String == "Zdjęcia z wycieczki")
        #expect(object["message_id"] as? String == "8E1C2F9A-1234-4ABC-9DEF-0123456789AB@icloud.com")
        #expect(object["date"] as? String == "2026-11-07T18:42:10+01:00")
        let from = try #require((object["from"] as? [[String: Any]])?.first)
        #expect(from["normalized"] as? String == "zofia@icloud.com")
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "zdjęcie łąka.jpg")
        #expect(attachment["content_type"] as? String == "image/jpeg")
        #expect(attachment["disposition"] as? String == "attachment")
        #expect((attachment["sha256"] as? String)?.count == 64)
        #expect(attachment["size"] as? Int == 89)
        #expect((object["headers"] as? [[String: Any]])?.count == 8)
        #expect(object["warnings"] as? [String] == [])
    }
}
