import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends messages through an SMTP server (a sub-account's own sender), one connection per
/// message: EHLO, STARTTLS or implicit TLS, AUTH PLAIN or LOGIN, SIZE, PIPELINING, DATA, QUIT.
///
/// ```swift
/// let client = SMTPClient(logger: logger)
/// let report = try await client.send(
///     SMTPMessage(sender: "news@shop.example", recipients: ["anna@example.com"], content: built.raw),
///     via: server)
/// for rejected in report.rejectedRecipients { /* rejected.recipient, rejected.reply */ }
/// ```
public struct SMTPClient: Sendable {
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// Creates a client on `eventLoopGroup` (NIO's shared one by default). Commands and reply
    /// codes are logged at trace level; addresses, content and credentials never.
    public init(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "mailsync.smtp")
    ) {
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Sends `message` through `server` and returns once the server took it, with the accepted
    /// and refused recipients.
    ///
    /// Throws `SMTPError`: `.transient` (4xx, every recipient refused with some 4xx, 421),
    /// `.permanent` (5xx, every recipient refused), `.messageTooLarge` (before `DATA` when the
    /// server's SIZE is smaller), `.authentication`, `.tls`, `.connection`, `.timeout`,
    /// `.protocolViolation`; `CancellationError` when the task is cancelled.
    public func send(_ message: SMTPMessage, via server: SMTPServer) async throws -> SMTPDeliveryReport {
        try Self.validate(message, heloName: server.heloName)
        let tls = try Self.tls(for: server)
        let content = EncodedContent(encoding: message.content)
        let configuration = SMTPSessionStateMachine.Configuration(
            heloName: server.heloName, security: server.security, credentials: server.credentials,
            allowsCredentialsWithoutTLS: server.allowsCredentialsWithoutTLS, sender: message.sender,
            recipients: message.recipients, messageSize: content.messageSize, has8BitContent: content.has8BitBytes)
        let eventLoop = eventLoopGroup.next()
        let result = eventLoop.makePromise(of: SMTPDeliveryReport.self)
        let implicitTLS = server.security == .implicitTLS
        let logger = logger
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(server.timeouts.connect))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    if implicitTLS, let tls {
                        try operations.addHandler(
                            NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname))
                    }
                    try operations.addHandler(
                        SMTPSessionHandler(
                            machine: SMTPSessionStateMachine(configuration: configuration), content: content, tls: tls,
                            timeouts: server.timeouts, result: result, logger: logger))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            result.fail(error)
            try Task.checkCancellation()
            throw Self.connectError(error)
        }
        do {
            return try await withTaskCancellationHandler {
                try await result.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            try Task.checkCancellation()
            throw error
        }
    }

    /// Refuses what no server should see: no recipients, or a line break or angle bracket in an
    /// address or the EHLO name (which would end the command early and inject another).
    private static func validate(_ message: SMTPMessage, heloName: String) throws(SMTPError) {
        guard !message.recipients.isEmpty else {
            throw SMTPError(.permanent, reason: "the message has no recipients")
        }
        let forbidden: Set<Character> = ["\r", "\n", "<", ">"]
        for text in [message.sender, heloName] + message.recipients where text.contains(where: forbidden.contains) {
            throw SMTPError(
                .permanent, reason: "an envelope address or the EHLO name contains a line break or angle bracket")
        }
        guard !heloName.isEmpty, !heloName.contains(" ") else {
            throw SMTPError(.permanent, reason: "the EHLO name is empty or has a space")
        }
    }

    /// The TLS set-up for a server that uses TLS: its trust roots, and the host name to ask for
    /// (SNI) and check, which is none for an IP address (the address is checked instead).
    private static func tls(for server: SMTPServer) throws(SMTPError) -> SMTPSessionHandler.TLS? {
        guard server.security != .plaintext else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        do {
            switch server.trustRoots.base {
            case .system:
                configuration.trustRoots = .default
            case .pem(let pem):
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            }
            let context = try NIOSSLContext(configuration: configuration)
            let isAddress = (try? SocketAddress(ipAddress: server.host, port: 0)) != nil
            return SMTPSessionHandler.TLS(context: context, serverHostname: isAddress ? nil : server.host)
        } catch {
            throw SMTPError(.tls, reason: "the TLS settings are not usable", underlyingError: String(describing: error))
        }
    }

    private static func connectError(_ error: any Error) -> SMTPError {
        if case ChannelError.connectTimeout = error {
            return SMTPError(
                .timeout, reason: "the connection took too long", stage: "connect",
                underlyingError: String(describing: error))
        }
        var smtpError = SMTPSessionHandler.smtpError(error)
        smtpError.stage = "connect"
        return smtpError
    }
}
