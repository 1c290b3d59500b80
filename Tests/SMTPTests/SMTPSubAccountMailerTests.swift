import Foundation
import SMTP
import Sync
import SyncCore
import Testing

/// The send path's sub-account wire (`SMTPSubAccountMailer`) against a real SMTP server: the
/// envelope on the bounce address, the exact bytes, and per-recipient outcomes.
@Suite struct SMTPSubAccountMailerTests {
    private func mail(port: Int, recipients: [String]) -> SubAccountMail {
        let raw = Array(
            [
                "From: Demo Dental <hello@send.demo.example>", "To: \(recipients.joined(separator: ", "))",
                "Subject: Newsletter", "Message-ID: <n1@send.demo.example>", "", "Hello.", "",
            ].joined(separator: "\r\n").utf8)
        return SubAccountMail(
            settings: EmailProviderSettings(
                host: "127.0.0.1", port: port, tlsMode: .none, sendingDomain: "send.demo.example",
                defaultFromAddress: "hello@send.demo.example"),
            password: nil, envelopeSender: BounceAddress.of(bccAddress: "sync.k3v9x2@bcc.demo.example"),
            recipients: recipients, raw: raw, messageID: "n1@send.demo.example")
    }

    @Test func aMessageReachesTheServerWithTheBounceEnvelopeAndARefusedRecipientIsReported() async throws {
        let peer = try await SMTPPeer.start(["--reject", "gone@client.example"])
        let message = mail(port: peer.port, recipients: ["maria@client.example", "gone@client.example"])
        let deliveries = try await SMTPSubAccountMailer().send(message)
        #expect(deliveries.contains(SubAccountDelivery(recipient: "maria@client.example", outcome: .accepted)))
        #expect(deliveries.first { $0.recipient == "gone@client.example" }?.outcome == .rejected)
        #expect(deliveries.first { $0.recipient == "gone@client.example" }?.replyCode == 550)
        let received = try #require(try peer.received().first)
        #expect(received.envelope.sender == "bounce+sync.k3v9x2@bcc.demo.example")
        #expect(received.envelope.recipients == ["maria@client.example"])
        #expect(received.bytes == message.raw)
    }

    @Test func aPasswordIsNeverSentWithoutTLSAndTheSendFailsForGood() async throws {
        let peer = try await SMTPPeer.start()
        var message = mail(port: peer.port, recipients: ["maria@client.example"])
        message.settings.username = "demo"
        message.password = SecretText("hunter2")
        await #expect(throws: SubAccountMailerError(.permanent)) { try await SMTPSubAccountMailer().send(message) }
        #expect(try peer.received().isEmpty)
    }
}
