import Logging
import NIOCore
import NIOEmbedded
import NIOSSL
import Testing

@testable import SMTP

/// The channel handler on an `EmbeddedChannel`: what it writes for the machine's actions, and the
/// checks that live in the I/O layer.
@Suite struct SMTPSessionHandlerTests {
    private func session(security: SMTPServer.Security = .startTLSRequired) throws -> (
        EmbeddedChannel, EventLoopFuture<SMTPDeliveryReport>
    ) {
        let channel = EmbeddedChannel()
        let result = channel.eventLoop.makePromise(of: SMTPDeliveryReport.self)
        let machine = SMTPSessionStateMachine(
            configuration: .init(
                heloName: "client.test", security: security, credentials: nil, allowsCredentialsWithoutTLS: false,
                sender: "s@x.test", recipients: ["a@x.test"], messageSize: 9, has8BitContent: false))
        let tls = SMTPSessionHandler.TLS(
            context: try NIOSSLContext(configuration: .makeClientConfiguration()), serverHostname: "mx.test")
        let handler = SMTPSessionHandler(
            machine: machine, content: EncodedContent(encoding: Array("Hi\r\n".utf8)), tls: tls,
            timeouts: SMTPServer.Timeouts(), result: result, logger: Logger(label: "test"))
        try channel.pipeline.syncOperations.addHandler(handler)
        return (channel, result.futureResult)
    }

    private func written(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    @Test func plaintextSessionWritesEachCommandAndTheStuffedContent() throws {
        let (channel, result) = try session(security: .plaintext)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25)).wait()
        try channel.writeInbound(ByteBuffer(string: "220 mx.test ready\r\n"))
        #expect(try written(channel) == "EHLO client.test\r\n")
        try channel.writeInbound(ByteBuffer(string: "250-mx.test\r\n250 PIPELINING\r\n"))
        #expect(try written(channel) == "MAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nDATA\r\n")
        try channel.writeInbound(ByteBuffer(string: "250 ok\r\n250 ok\r\n354 go\r\n"))
        #expect(try written(channel) == "Hi\r\n.\r\n")
        try channel.writeInbound(ByteBuffer(string: "250 2.0.0 queued\r\n"))
        #expect(try written(channel) == "QUIT\r\n")
        #expect(try result.wait().acceptedRecipients == ["a@x.test"])
        try channel.writeInbound(ByteBuffer(string: "221 bye\r\n"))
        #expect(!channel.isActive)
    }

    @Test func bytesAfterTheSTARTTLSReplyAreRefusedAsInjection() throws {
        let (channel, result) = try session()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25)).wait()
        try channel.writeInbound(ByteBuffer(string: "220 mx.test ready\r\n"))
        try channel.writeInbound(ByteBuffer(string: "250-mx.test\r\n250 STARTTLS\r\n"))
        #expect(try written(channel) == "EHLO client.test\r\nSTARTTLS\r\n")
        // A man in the middle appends a plaintext reply that would be read as if it came over TLS.
        try channel.writeInbound(ByteBuffer(string: "220 go ahead\r\n250-mx.test\r\n250 AUTH PLAIN\r\n"))
        let error = #expect(throws: SMTPError.self) { try result.wait() }
        #expect(error?.code == .protocolViolation)
        #expect(error?.reason == "the server sent more after its STARTTLS reply")
        #expect(!channel.isActive)
    }
}
