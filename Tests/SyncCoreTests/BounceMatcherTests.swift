import Mail
import SyncCore
import Testing

/// A DSN names the message to mark bounced.
@Suite struct BounceMatcherTests {
    static let dsn = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r
        To: anna@agency.example\r
        Subject: Undelivered Mail Returned to Sender\r
        Content-Type: multipart/report; report-type=delivery-status; boundary=b\r
        \r
        --b\r
        Content-Type: text/plain\r
        \r
        Your message could not be delivered.\r
        --b\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example.org\r
        \r
        Final-Recipient: rfc822; Nobody@Example.org\r
        Action: failed\r
        Status: 5.1.1\r
        \r
        Final-Recipient: rfc822; later@example.org\r
        Action: delayed\r
        Status: 4.4.1\r
        --b\r
        Content-Type: text/rfc822-headers\r
        \r
        From: anna@agency.example\r
        Message-ID: <crm-42@mail.agency.example>\r
        --b--\r

        """

    @Test func parsedBounceNamesTheOriginalMessageAndTheFailedRecipients() throws {
        let message = MessageParser().parse(Array(Self.dsn.utf8))
        let bounce = try #require(BounceMatcher.bounce(in: message))
        #expect(bounce.originalMessageID == "crm-42@mail.agency.example")
        #expect(bounce.failedRecipients == ["nobody@example.org"])
        #expect(MessageFacts(message: message, inSentFolder: false).isDeliveryReport)
    }

    @Test func delayReportIsNoBounce() {
        let report = DeliveryStatusReport(
            reportingMTA: "mx", originalMessageID: "crm-42@x",
            recipients: [
                .init(
                    finalRecipient: "a@b", originalRecipient: nil, action: "delayed", status: "4.4.1",
                    diagnosticCode: nil)
            ])
        #expect(BounceMatcher.bounce(in: report) == nil)
    }

    @Test func reportWithoutAnOriginalIDFallsBackToInReplyTo() {
        let report = DeliveryStatusReport(
            reportingMTA: "mx", originalMessageID: nil,
            recipients: [
                .init(
                    finalRecipient: "a@b", originalRecipient: nil, action: "failed", status: "5.0.0",
                    diagnosticCode: nil)
            ])
        #expect(BounceMatcher.bounce(in: report, inReplyTo: ["crm-7@x"])?.originalMessageID == "crm-7@x")
        #expect(BounceMatcher.bounce(in: report) == nil)
    }

    @Test func ordinaryMessageIsNoBounce() {
        let message = MessageParser().parse(Array("From: carla@customer.example\r\n\r\nHi\r\n".utf8))
        #expect(BounceMatcher.bounce(in: message) == nil)
    }
}
