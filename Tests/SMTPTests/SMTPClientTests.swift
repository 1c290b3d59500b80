import Foundation
import NIOCore
import NIOPosix
import SMTP
import SyncCore
import TestSupport
import Testing

/// The client against a real SMTP server (aiosmtpd through `scripts/smtp/peer.py`), one peer per test.
@Suite struct SMTPClientTests {
    private let client = SMTPClient()
    private let password = SecretText("correct horse battery staple")

    private func server(
        _ peer: SMTPPeer, port: Int? = nil, security: SMTPServer.Security = .plaintext,
        credentials: SMTPCredentials? = nil,
        timeouts: SMTPServer.Timeouts = SMTPServer.Timeouts(
            connect: .seconds(5), reply: .seconds(10), messageAccepted: .seconds(30))
    ) async throws -> SMTPServer {
        SMTPServer(
            host: "127.0.0.1", port: port ?? peer.port, security: security, credentials: credentials,
            heloName: "client.mailsync.test",
            timeouts: timeouts, trustRoots: .certificates(pem: try await TestCertificates.shared().caPEM))
    }

    private func message(
        to recipients: [String] = ["anna@example.test"], _ content: String = "Subject: Hello\r\n\r\nHi Anna\r\n"
    ) -> SMTPMessage {
        SMTPMessage(sender: "shop@example.test", recipients: recipients, content: Array(content.utf8))
    }

    @Test func plainSendDeliversTheExactBytesWithDotLines() async throws {
        let peer = try await SMTPPeer.start()
        let content =
            "From: shop@example.test\r\nSubject: dots\r\n\r\n.\r\n..\r\n.leading dot\r\nmiddle . dot\r\n.\r\nend\r\n"
        let sent = message(to: ["anna@example.test", "ben@example.test"], content)
        let report = try await client.send(sent, via: server(peer))
        #expect(report.acceptedRecipients == ["anna@example.test", "ben@example.test"])
        #expect(report.rejectedRecipients.isEmpty)
        #expect(report.reply.code == 250)
        let received = try peer.received()
        #expect(received.count == 1)
        #expect(received.first?.bytes == sent.content)
        #expect(received.first?.envelope.sender == "shop@example.test")
        #expect(received.first?.envelope.recipients == ["anna@example.test", "ben@example.test"])
        #expect(received.first?.envelope.mailOptions == ["SIZE=\(sent.content.count)"])
    }

    @Test func messageOf2Point9MiBArrivesByteForByte() async throws {
        let peer = try await SMTPPeer.start()
        var content = Array("From: shop@example.test\r\nSubject: big\r\n\r\n".utf8)
        var line = 0
        while content.count < 2_900 * 1024 {
            // Lines of up to 998 octets (RFC 5322), some starting with a dot, some 8-bit.
            let text = line % 7 == 0 ? ".line \(line) ü" : "line \(line) " + String(repeating: "x", count: line % 900)
            content += Array(text.utf8) + [13, 10]
            line += 1
        }
        let sent = SMTPMessage(sender: "shop@example.test", recipients: ["anna@example.test"], content: content)
        _ = try await client.send(sent, via: server(peer))
        let received = try peer.received()
        #expect(received.first?.bytes.count == content.count)
        #expect(received.first?.bytes == content)
        #expect(received.first?.envelope.mailOptions == ["SIZE=\(content.count)", "BODY=8BITMIME"])
    }

    @Test func bareLineFeedsArriveAsCRLF() async throws {
        let peer = try await SMTPPeer.start()
        _ = try await client.send(
            message(to: ["anna@example.test"], "Subject: unix\n\nline\n.dot\n"), via: server(peer))
        #expect(try peer.received().first?.bytes == Array("Subject: unix\r\n\r\nline\r\n.dot\r\n".utf8))
    }

    /// AUTH PLAIN (the peer hides LOGIN) and AUTH LOGIN (the peer hides PLAIN), each after STARTTLS.
    @Test(arguments: [("PLAIN", SMTPServer.Security.startTLSRequired), ("LOGIN", .startTLSIfOffered)])
    func startTLSThenAuthWithTheOfferedMechanismDelivers(mechanism: String, security: SMTPServer.Security)
        async throws
    {
        let certificates = try await TestCertificates.shared()
        let hidden = mechanism == "PLAIN" ? "LOGIN" : "PLAIN"
        let peer = try await SMTPPeer.start(
            certificates.peerOptions + [
                "--auth-user", "shop", "--auth-password", password.value, "--exclude-auth", hidden,
            ])
        let credentials = SMTPCredentials(username: "shop", password: password)
        _ = try await client.send(message(), via: server(peer, security: security, credentials: credentials))
        let envelope = try #require(try peer.received().first?.envelope)
        #expect(envelope.tls)
        #expect(envelope.user == "shop")
    }

    @Test func implicitTLSDelivers() async throws {
        let certificates = try await TestCertificates.shared()
        let peer = try await SMTPPeer.start(certificates.peerOptions + ["--implicit-tls"])
        _ = try await client.send(message(), via: server(peer, security: .implicitTLS))
        #expect(try peer.received().first?.envelope.tls == true)
    }

    @Test func wrongPasswordIsAnAuthenticationErrorThatNeverShowsThePassword() async throws {
        let certificates = try await TestCertificates.shared()
        let peer = try await SMTPPeer.start(
            certificates.peerOptions + ["--auth-user", "shop", "--auth-password", "the real one"])
        let credentials = SMTPCredentials(username: "shop", password: password)
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(), via: server(peer, security: .startTLSRequired, credentials: credentials))
        }
        #expect(error.code == .authentication)
        #expect(error.reply?.code == 535)
        #expect(!error.isRetryable)
        for text in [error.description, String(reflecting: error)] {
            #expect(!text.contains(password.value))
            #expect(!text.contains(Data(password.value.utf8).base64EncodedString()))
        }
        #expect(try peer.received().isEmpty)
    }

    @Test func credentialsAreNotSentOverPlaintext() async throws {
        let peer = try await SMTPPeer.start([
            "--auth-user", "shop", "--auth-password", password.value, "--auth-over-plaintext",
        ])
        let credentials = SMTPCredentials(username: "shop", password: password)
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(), via: server(peer, security: .startTLSIfOffered, credentials: credentials))
        }
        #expect(error.code == .authentication)
        #expect(error.reply == nil)
    }

    @Test func untrustedCertificateIsATLSError() async throws {
        let certificates = try await TestCertificates.shared()
        let peer = try await SMTPPeer.start(certificates.peerOptions)
        var untrusting = try await server(peer, security: .startTLSRequired)
        untrusting.trustRoots = .system
        let error = try await #require(throws: SMTPError.self) { try await client.send(message(), via: untrusting) }
        #expect(error.code == .tls)
        #expect(error.stage == "TLS handshake")
    }

    @Test func requiredStartTLSAgainstAServerWithoutItIsATLSError() async throws {
        let peer = try await SMTPPeer.start()
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(), via: server(peer, security: .startTLSRequired))
        }
        #expect(error.code == .tls)
        #expect(error.stage == "EHLO")
        #expect(try peer.received().isEmpty)
    }

    @Test func rejectedRecipientIsReportedAndTheOthersReceiveTheMessage() async throws {
        let peer = try await SMTPPeer.start(["--reject", "gone@example.test"])
        let report = try await client.send(
            message(to: ["anna@example.test", "gone@example.test", "ben@example.test"]), via: server(peer))
        #expect(report.acceptedRecipients == ["anna@example.test", "ben@example.test"])
        let rejected = try #require(report.rejectedRecipients.first)
        #expect(report.rejectedRecipients.count == 1)
        #expect(rejected.recipient == "gone@example.test")
        #expect(rejected.reply.code == 550)
        #expect(rejected.reply.enhancedStatus?.description == "5.1.1")
        #expect(rejected.reply.text == "Mailbox unavailable")
        #expect(!rejected.isTransient)
        #expect(try peer.received().first?.envelope.recipients == ["anna@example.test", "ben@example.test"])
    }

    @Test func deferredRecipientAmongAcceptedOnesIsReportedForALaterRetry() async throws {
        let peer = try await SMTPPeer.start(["--defer", "busy@example.test", "--pipelining"])
        let report = try await client.send(message(to: ["busy@example.test", "anna@example.test"]), via: server(peer))
        #expect(report.acceptedRecipients == ["anna@example.test"])
        #expect(report.rejectedRecipients.map(\.recipient) == ["busy@example.test"])
        #expect(report.rejectedRecipients.first?.isTransient == true)
        #expect(try peer.received().first?.envelope.recipients == ["anna@example.test"])
    }

    @Test func everyRecipientRejectedIsAPermanentError() async throws {
        let peer = try await SMTPPeer.start(["--reject", "gone@example.test"])
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(to: ["gone@example.test"]), via: server(peer))
        }
        #expect(error.code == .permanent)
        #expect(error.reply?.code == 550)
        #expect(try peer.received().isEmpty)
    }

    @Test(arguments: [false, true])
    func deferredRecipientMakesTheSendTransient(pipelining: Bool) async throws {
        let peer = try await SMTPPeer.start(["--defer", "busy@example.test"] + (pipelining ? ["--pipelining"] : []))
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(to: ["busy@example.test"]), via: server(peer))
        }
        #expect(error.code == .transient)
        #expect(error.isRetryable)
        #expect(error.reply?.code == 451)
        #expect(error.reply?.enhancedStatus?.description == "4.3.0")
    }

    @Test func messageOverTheServersSIZEFailsBeforeDATA() async throws {
        let peer = try await SMTPPeer.start(["--size-limit", "1000"])
        let proxy = try TCPProxy(targetPort: peer.port)
        defer { proxy.stop() }
        let large = message(
            to: ["anna@example.test"], "Subject: big\r\n\r\n" + String(repeating: "0123456789\r\n", count: 200))
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(large, via: server(peer, port: proxy.port))
        }
        #expect(error.code == .messageTooLarge)
        #expect(error.stage == "MAIL FROM")
        #expect(error.reply == nil)
        #expect(try peer.received().isEmpty)
        // EHLO, then QUIT: neither MAIL nor DATA was sent.
        try await eventually("QUIT to reach the peer") { proxy.roundTrips == 2 }
    }

    @Test(arguments: [(true, 4), (false, 8)])
    func pipeliningSendsMailRecipientsAndDataInOneRoundTrip(offered: Bool, roundTrips: Int) async throws {
        let peer = try await SMTPPeer.start(offered ? ["--pipelining"] : [])
        let proxy = try TCPProxy(targetPort: peer.port)
        defer { proxy.stop() }
        let report = try await client.send(
            message(to: ["anna@example.test", "ben@example.test", "cleo@example.test"]),
            via: server(peer, port: proxy.port))
        #expect(report.acceptedRecipients.count == 3)
        // Pipelined: EHLO; MAIL+RCPT*3+DATA; content; QUIT. One by one: EHLO, MAIL, 3 RCPT, DATA, content, QUIT.
        try await eventually("QUIT to reach the peer") { proxy.roundTrips == roundTrips }
        #expect(proxy.roundTrips == roundTrips)
    }

    @Test func serverThatRefusesEHLOIsSpokenToWithHELO() async throws {
        let peer = try await SMTPPeer.start(["--refuse-ehlo"])
        let report = try await client.send(message(), via: server(peer))
        #expect(report.acceptedRecipients == ["anna@example.test"])
        #expect(try peer.received().first?.envelope.mailOptions == [])
    }

    @Test func silentServerTimesOutAtTheGreeting() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        let peerless = SMTPServer(
            host: "127.0.0.1", port: try #require(silent.localAddress?.port), security: .plaintext,
            heloName: "client.mailsync.test",
            timeouts: SMTPServer.Timeouts(connect: .seconds(5), reply: .milliseconds(300)))
        let started = ContinuousClock.now
        let error = try await #require(throws: SMTPError.self) { try await client.send(message(), via: peerless) }
        #expect(error.code == .timeout)
        #expect(error.stage == "greeting")
        #expect(error.isRetryable)
        // The 300 ms reply timeout, not the 300 s default (with room for a loaded machine).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        // A bound socket that never listens holds the port, so the connection is refused and no
        // other test can take the port in the meantime.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                try #require(bind(holder, address, length) == 0 && getsockname(holder, address, &length) == 0)
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let nowhere = SMTPServer(host: "127.0.0.1", port: port, security: .plaintext, heloName: "client.mailsync.test")
        let error = try await #require(throws: SMTPError.self) { try await client.send(message(), via: nowhere) }
        #expect(error.code == .connection)
        #expect(error.stage == "connect")
    }

    @Test func addressWithALineBreakIsRefusedBeforeConnecting() async throws {
        let nowhere = SMTPServer(host: "127.0.0.1", port: 1, security: .plaintext, heloName: "client.mailsync.test")
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(message(to: ["anna@example.test>\r\nRCPT TO:<evil@example.test"]), via: nowhere)
        }
        #expect(error.code == .permanent)
    }
}
