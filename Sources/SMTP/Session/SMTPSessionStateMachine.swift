import Foundation
import SyncCore

/// One SMTP session that sends one message, as a value: each event (a reply, the TLS handshake,
/// a timeout, an error, the connection closing) returns the `Action` the I/O layer performs.
///
/// greeting -> EHLO (HELO when refused) -> [STARTTLS -> handshake -> EHLO] -> [AUTH] ->
/// MAIL FROM, RCPT TO..., DATA (in one flush with PIPELINING) -> content -> QUIT.
struct SMTPSessionStateMachine {
    /// What the I/O layer does next.
    enum Action: Equatable {
        /// Nothing: wait for the next event.
        case wait
        /// Write these commands in one flush.
        case send([SMTPCommand])
        /// Write the encoded message content.
        case sendContent
        /// Start TLS on the connection, then report `tlsEstablished()`.
        case startTLS
        /// The message was accepted: report it, then send QUIT.
        case succeed(SMTPDeliveryReport)
        /// The send failed: report it, then send QUIT when the session is still in step (`quit`),
        /// or close at once.
        case fail(SMTPError, quit: Bool)
        /// Close the connection.
        case close
    }

    /// What the session needs to know of the message and the server settings.
    struct Configuration {
        var heloName: String
        var security: SMTPServer.Security
        var credentials: SMTPCredentials?
        var allowsCredentialsWithoutTLS: Bool
        var sender: String
        var recipients: [String]
        var messageSize: Int
        var has8BitContent: Bool
    }

    private enum State {
        case greeting
        case hello(extended: Bool)
        case startTLS
        case tlsHandshake
        case authPlain
        case authLogin(LoginStep)
        case transaction(Transaction)
        case content(Transaction)
        /// A DATA accepted after MAIL or every RCPT failed: the lone `.` was sent, then this fails.
        case abandoningData(SMTPError)
        case quitting
        case finished
    }

    private enum LoginStep {
        case usernamePrompt, passwordPrompt, result
    }

    private struct Transaction {
        enum Step: Equatable {
            case mail
            case recipient(Int)
            case data
        }

        var pipelined: Bool
        var step = Step.mail
        var mailFailure: SMTPReply?
        var accepted: [String] = []
        var rejected: [SMTPRejectedRecipient] = []
    }

    private let configuration: Configuration
    private var state = State.greeting
    private var extensions = SMTPExtensions()
    private(set) var isSecured: Bool

    /// A session on a connection that is already TLS from its first byte when `implicitTLS`.
    /// The message has at least one recipient (`SMTPClient` checks before connecting).
    init(configuration: Configuration) {
        precondition(!configuration.recipients.isEmpty, "an SMTP session needs a recipient")
        self.configuration = configuration
        isSecured = configuration.security == .implicitTLS
    }

    /// Whether the session waits for the server's reply to the message content (the longer
    /// `messageAccepted` timeout applies).
    var awaitsMessageAcceptance: Bool {
        if case .content = state { return true }
        return false
    }

    /// Whether the session is over (the result was reported and QUIT answered, or the
    /// connection closed).
    var isFinished: Bool {
        if case .finished = state { return true }
        return false
    }

    /// The stage the session is in, for errors.
    var stage: String {
        switch state {
        case .greeting: "greeting"
        case .hello(let extended): extended ? "EHLO" : "HELO"
        case .startTLS: "STARTTLS"
        case .tlsHandshake: "TLS handshake"
        case .authPlain, .authLogin: "AUTH"
        case .transaction(let transaction):
            switch transaction.step {
            case .mail: "MAIL FROM"
            case .recipient: "RCPT TO"
            case .data: "DATA"
            }
        case .content, .abandoningData: "message content"
        case .quitting, .finished: "QUIT"
        }
    }

    // MARK: - Events

    /// The server sent a complete reply.
    mutating func replyReceived(_ reply: SMTPReply) -> Action {
        if reply.code == 421, !isQuittingOrFinished {
            // The server is closing the connection (RFC 5321 3.8): no QUIT, try again later.
            return fail(
                SMTPError(.transient, reason: "the server is closing the connection", stage: stage, reply: reply),
                quit: false)
        }
        switch state {
        case .greeting:
            guard reply.code == 220 else { return failure(reply, reason: "the server refused the connection") }
            return hello(extended: true)
        case .hello(let extended):
            return helloReplied(reply, extended: extended)
        case .startTLS:
            guard reply.code == 220 else {
                return fail(
                    SMTPError(.tls, reason: "the server refused STARTTLS", stage: stage, reply: reply), quit: true)
            }
            state = .tlsHandshake
            return .startTLS
        case .tlsHandshake:
            return protocolViolation("the server spoke before the TLS handshake")
        case .authPlain:
            return authenticationReplied(reply)
        case .authLogin(let step):
            return loginReplied(reply, step: step)
        case .transaction(let transaction):
            return transactionReplied(reply, transaction)
        case .content(let transaction):
            guard reply.isPositiveCompletion else { return failure(reply, reason: "the server refused the message") }
            return succeed(
                SMTPDeliveryReport(
                    acceptedRecipients: transaction.accepted, rejectedRecipients: transaction.rejected, reply: reply))
        case .abandoningData(let error):
            return fail(error, quit: true)
        case .quitting:
            state = .finished
            return .close
        case .finished:
            return .wait
        }
    }

    /// The TLS handshake after STARTTLS completed (or, with implicit TLS, the first one).
    mutating func tlsEstablished() -> Action {
        guard case .tlsHandshake = state else { return .wait }
        isSecured = true
        // RFC 3207: forget what the server said before TLS and ask again.
        extensions = SMTPExtensions()
        return hello(extended: true)
    }

    /// No reply came within the timeout.
    mutating func timedOut() -> Action {
        switch state {
        case .quitting:
            state = .finished
            return .close
        case .finished:
            return .wait
        default:
            return fail(SMTPError(.timeout, reason: "the server did not answer in time", stage: stage), quit: false)
        }
    }

    /// The connection failed (network or TLS error).
    mutating func errorCaught(_ error: SMTPError) -> Action {
        if isQuittingOrFinished {
            state = .finished
            return .close
        }
        var error = error
        error.stage = error.stage ?? stage
        return fail(error, quit: false)
    }

    /// The connection closed.
    mutating func connectionClosed() -> Action {
        if isQuittingOrFinished {
            state = .finished
            return .wait
        }
        return fail(SMTPError(.connection, reason: "the server closed the connection", stage: stage), quit: false)
    }

    // MARK: - Steps

    private var isQuittingOrFinished: Bool {
        switch state {
        case .quitting, .finished: true
        default: false
        }
    }

    private mutating func hello(extended: Bool) -> Action {
        state = .hello(extended: extended)
        return .send([extended ? .ehlo(configuration.heloName) : .helo(configuration.heloName)])
    }

    private mutating func helloReplied(_ reply: SMTPReply, extended: Bool) -> Action {
        if extended, reply.isPermanentFailure {
            // An old server that knows only HELO (RFC 5321 3.2).
            return hello(extended: false)
        }
        guard reply.code == 250 else { return failure(reply, reason: "the server refused the greeting") }
        extensions = extended ? SMTPExtensions(ehloReply: reply) : SMTPExtensions()
        return afterHello()
    }

    private mutating func afterHello() -> Action {
        let wantsTLS = configuration.security == .startTLSRequired || configuration.security == .startTLSIfOffered
        if !isSecured, wantsTLS {
            if extensions.offersStartTLS {
                state = .startTLS
                return .send([.startTLS])
            }
            if configuration.security == .startTLSRequired {
                return fail(SMTPError(.tls, reason: "the server does not offer STARTTLS", stage: stage), quit: true)
            }
        }
        guard let credentials = configuration.credentials else { return startTransaction() }
        guard isSecured || configuration.allowsCredentialsWithoutTLS else {
            return fail(
                SMTPError(.authentication, reason: "refusing to send credentials without TLS", stage: "AUTH"),
                quit: true)
        }
        let mechanisms = extensions.authMechanisms
        if mechanisms.contains("PLAIN") {
            state = .authPlain
            let response = Data("\0\(credentials.username)\0\(credentials.password.value)".utf8).base64EncodedString()
            return .send([.authPlain(SecretText(response))])
        }
        if mechanisms.contains("LOGIN") {
            state = .authLogin(.usernamePrompt)
            return .send([.authLogin])
        }
        return fail(
            SMTPError(
                .authentication, reason: "the server offers no AUTH mechanism this client speaks (PLAIN, LOGIN)",
                stage: "AUTH"),
            quit: true)
    }

    private mutating func authenticationReplied(_ reply: SMTPReply) -> Action {
        guard reply.code == 235 else {
            guard reply.isPermanentFailure else {
                return failure(reply, reason: "the server could not check the credentials")
            }
            return fail(
                SMTPError(.authentication, reason: "the server rejected the credentials", stage: stage, reply: reply),
                quit: true)
        }
        return startTransaction()
    }

    private mutating func loginReplied(_ reply: SMTPReply, step: LoginStep) -> Action {
        guard let credentials = configuration.credentials else {
            return protocolViolation("AUTH LOGIN without credentials")
        }
        switch step {
        case .usernamePrompt, .passwordPrompt:
            guard reply.code == 334 else { return authenticationReplied(reply) }
            let answer = step == .usernamePrompt ? credentials.username : credentials.password.value
            state = .authLogin(step == .usernamePrompt ? .passwordPrompt : .result)
            return .send([.authResponse(SecretText(Data(answer.utf8).base64EncodedString()))])
        case .result:
            return authenticationReplied(reply)
        }
    }

    private mutating func startTransaction() -> Action {
        if let limit = extensions.sizeLimit, configuration.messageSize > limit {
            return fail(
                SMTPError(
                    .messageTooLarge, reason: "the message is larger than the server's SIZE limit", stage: "MAIL FROM"),
                quit: true)
        }
        var parameters: [String] = []
        if extensions.offersSize { parameters.append("SIZE=\(configuration.messageSize)") }
        if configuration.has8BitContent, extensions.offers8BitMIME { parameters.append("BODY=8BITMIME") }
        let addresses = [configuration.sender] + configuration.recipients
        if addresses.contains(where: { !$0.allSatisfy(\.isASCII) }), extensions.offersSMTPUTF8 {
            parameters.append("SMTPUTF8")
        }
        let mail = SMTPCommand.mailFrom(configuration.sender, parameters: parameters)
        let transaction = Transaction(pipelined: extensions.offersPipelining)
        state = .transaction(transaction)
        guard transaction.pipelined else { return .send([mail]) }
        return .send([mail] + configuration.recipients.map { .recipient($0) } + [.data])
    }

    private mutating func transactionReplied(_ reply: SMTPReply, _ transaction: Transaction) -> Action {
        var transaction = transaction
        let recipients = configuration.recipients
        switch transaction.step {
        case .mail:
            guard reply.isPositiveCompletion else {
                guard transaction.pipelined else { return failure(reply, reason: "the server refused the sender") }
                // The recipients' and DATA's replies are still on their way; read them first.
                transaction.mailFailure = reply
                transaction.step = .recipient(0)
                state = .transaction(transaction)
                return .wait
            }
            transaction.step = .recipient(0)
            state = .transaction(transaction)
            return transaction.pipelined ? .wait : .send([.recipient(recipients[0])])
        case .recipient(let index):
            if transaction.mailFailure == nil {
                if reply.isPositiveCompletion {
                    transaction.accepted.append(recipients[index])
                } else {
                    transaction.rejected.append(SMTPRejectedRecipient(recipient: recipients[index], reply: reply))
                }
            }
            let next = index + 1
            transaction.step = next < recipients.count ? .recipient(next) : .data
            state = .transaction(transaction)
            if transaction.pipelined { return .wait }
            if next < recipients.count { return .send([.recipient(recipients[next])]) }
            if transaction.accepted.isEmpty { return fail(noRecipientError(transaction), quit: true) }
            return .send([.data])
        case .data:
            let error: SMTPError? =
                if let mailFailure = transaction.mailFailure {
                    replyError(mailFailure, stage: "MAIL FROM", reason: "the server refused the sender")
                } else if transaction.accepted.isEmpty {
                    noRecipientError(transaction)
                } else {
                    nil
                }
            if let error {
                guard reply.code == 354 else { return fail(error, quit: true) }
                state = .abandoningData(error)
                return .send([.endOfEmptyData])
            }
            guard reply.code == 354 else { return failure(reply, reason: "the server refused DATA") }
            state = .content(transaction)
            return .sendContent
        }
    }

    // MARK: - Outcomes

    private mutating func succeed(_ report: SMTPDeliveryReport) -> Action {
        state = .quitting
        return .succeed(report)
    }

    private mutating func fail(_ error: SMTPError, quit: Bool) -> Action {
        state = quit ? .quitting : .finished
        return .fail(error, quit: quit)
    }

    private mutating func failure(_ reply: SMTPReply, reason: String) -> Action {
        fail(replyError(reply, stage: stage, reason: reason), quit: true)
    }

    private mutating func protocolViolation(_ reason: String) -> Action {
        fail(SMTPError(.protocolViolation, reason: reason, stage: stage), quit: false)
    }

    private func noRecipientError(_ transaction: Transaction) -> SMTPError {
        // Retry later when some refusal was temporary; otherwise no retry will help.
        let deferred = transaction.rejected.first { $0.isTransient }
        let reply = deferred?.reply ?? transaction.rejected.first?.reply
        return SMTPError(
            deferred == nil ? .permanent : .transient, reason: "the server refused every recipient", stage: "RCPT TO",
            reply: reply)
    }

    /// The error for a failure reply: 552 (or status x.3.4) to the sender or the content is a
    /// message too large; other 4xx are transient, 5xx permanent, anything else out of turn.
    private func replyError(_ reply: SMTPReply, stage: String, reason: String) -> SMTPError {
        let tooLarge =
            (reply.code == 552 && (stage == "MAIL FROM" || stage == "message content"))
            || (reply.enhancedStatus.map { $0.subject == 3 && $0.detail == 4 } ?? false)
        if tooLarge {
            return SMTPError(
                .messageTooLarge, reason: "the server says the message is too large", stage: stage, reply: reply)
        }
        if reply.isTransientFailure { return SMTPError(.transient, reason: reason, stage: stage, reply: reply) }
        if reply.isPermanentFailure { return SMTPError(.permanent, reason: reason, stage: stage, reply: reply) }
        return SMTPError(.protocolViolation, reason: "the server answered out of turn", stage: stage, reply: reply)
    }
}
