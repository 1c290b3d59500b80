import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Drives an `SMTPSessionStateMachine` on a channel: parses replies, performs the machine's
/// actions, starts TLS after STARTTLS, keeps the reply timer, and completes `result` once.
final class SMTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How STARTTLS sets up TLS on this connection.
    struct TLS {
        var context: NIOSSLContext
        var serverHostname: String?
    }

    private var machine: SMTPSessionStateMachine
    private var parser = SMTPReplyParser()
    private var received: ByteBuffer
    private let content: EncodedContent
    private let tls: TLS?
    private let timeouts: SMTPServer.Timeouts
    private let result: EventLoopPromise<SMTPDeliveryReport>
    private var resultReported = false
    private var timer: Scheduled<Void>?
    private let logger: Logger

    init(
        machine: SMTPSessionStateMachine, content: EncodedContent, tls: TLS?, timeouts: SMTPServer.Timeouts,
        result: EventLoopPromise<SMTPDeliveryReport>, logger: Logger
    ) {
        self.machine = machine
        self.content = content
        self.tls = tls
        self.timeouts = timeouts
        self.result = result
        self.logger = logger
        received = ByteBuffer()
    }

    func channelActive(context: ChannelHandlerContext) {
        restartTimer(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        do {
            while !machine.isFinished, let reply = try parser.parse(&received) {
                logger.trace("SMTP reply", metadata: ["smtp.code": "\(reply.code)", "smtp.stage": "\(machine.stage)"])
                perform(machine.replyReceived(reply), context: context)
            }
        } catch {
            perform(machine.errorCaught(error), context: context)
        }
        received.discardReadBytes()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            perform(machine.tlsEstablished(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        perform(machine.errorCaught(Self.smtpError(error)), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        perform(machine.connectionClosed(), context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        report(.failure(SMTPError(.connection, reason: "the session ended early")))
    }

    private func perform(_ action: SMTPSessionStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .wait:
            break
        case .send(let commands):
            var buffer = context.channel.allocator.buffer(capacity: 64 * commands.count)
            for command in commands {
                logger.trace("SMTP command", metadata: ["smtp.command": "\(command.verb)"])
                command.write(to: &buffer)
            }
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        case .sendContent:
            logger.trace("SMTP message content", metadata: ["smtp.bytes": "\(content.bytes.readableBytes)"])
            context.writeAndFlush(wrapOutboundOut(content.bytes), promise: nil)
        case .startTLS:
            startTLS(context: context)
        case .succeed(let report):
            self.report(.success(report))
            quit(context: context)
        case .fail(let error, let quit):
            logger.debug("SMTP send failed", metadata: ["smtp.error": "\(error)"])
            report(.failure(error))
            if quit { self.quit(context: context) } else { context.close(promise: nil) }
        case .close:
            context.close(promise: nil)
        }
        if machine.isFinished { timer?.cancel() } else { restartTimer(context: context) }
    }

    private func startTLS(context: ChannelHandlerContext) {
        // Bytes that came after the STARTTLS reply were sent in plaintext before TLS: reading them
        // as the server's first TLS-protected words would let an attacker inject replies.
        guard received.readableBytes == 0, !parser.isInsideReply else {
            perform(
                machine.errorCaught(
                    SMTPError(.protocolViolation, reason: "the server sent more after its STARTTLS reply")),
                context: context)
            return
        }
        guard let tls else {
            perform(machine.errorCaught(SMTPError(.tls, reason: "TLS is not configured")), context: context)
            return
        }
        do {
            let handler = try NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname)
            try context.pipeline.syncOperations.addHandler(handler, position: .first)
        } catch {
            perform(machine.errorCaught(Self.smtpError(error)), context: context)
        }
    }

    private func quit(context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 8)
        SMTPCommand.quit.write(to: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func report(_ outcome: Result<SMTPDeliveryReport, SMTPError>) {
        guard !resultReported else { return }
        resultReported = true
        result.completeWith(outcome.mapError { $0 as any Error })
    }

    private func restartTimer(context: ChannelHandlerContext) {
        timer?.cancel()
        let timeout = machine.awaitsMessageAcceptance ? timeouts.messageAccepted : timeouts.reply
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let (handler, context) = bound.value
            handler.perform(handler.machine.timedOut(), context: context)
        }
    }

    /// A channel error as an `SMTPError`: TLS failures apart from other network failures.
    static func smtpError(_ error: any Error) -> SMTPError {
        if let error = error as? SMTPError { return error }
        let detail = String(describing: error)
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return SMTPError(.tls, reason: "the TLS connection failed", underlyingError: detail)
        }
        return SMTPError(.connection, reason: "the connection failed", underlyingError: detail)
    }
}
