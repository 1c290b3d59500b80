import SyncCore
import Testing

@testable import SMTP

@Suite struct SMTPSessionStateMachineTests {
    private typealias Action = SMTPSessionStateMachine.Action

    private func machine(
        security: SMTPServer.Security = .plaintext, credentials: SMTPCredentials? = nil,
        recipients: [String] = ["a@x.test", "b@x.test"],
        size: Int = 100
    ) -> SMTPSessionStateMachine {
        SMTPSessionStateMachine(
            configuration: .init(
                heloName: "client.test", security: security, credentials: credentials,
                allowsCredentialsWithoutTLS: false,
                sender: "s@x.test", recipients: recipients, messageSize: size, has8BitContent: false))
    }

    private func reply(_ code: Int, _ lines: String...) -> SMTPReply {
        SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines)
    }

    private func failure(_ action: Action) -> SMTPError? {
        guard case .fail(let error, _) = action else { return nil }
        return error
    }

    @Test func pipelinedSessionSendsTheTransactionInOneFlushAndReportsRejections() {
        var session = machine()
        #expect(session.replyReceived(reply(220, "mx")) == .send([.ehlo("client.test")]))
        #expect(
            session.replyReceived(reply(250, "mx", "PIPELINING", "SIZE 1000"))
                == .send([
                    .mailFrom("s@x.test", parameters: ["SIZE=100"]), .recipient("a@x.test"), .recipient("b@x.test"),
                    .data,
                ]))
        #expect(session.replyReceived(reply(250)) == .wait)
        #expect(session.replyReceived(reply(550, "5.1.1 no such user")) == .wait)
        #expect(session.replyReceived(reply(250)) == .wait)
        #expect(session.replyReceived(reply(354)) == .sendContent)
        #expect(session.awaitsMessageAcceptance)
        let accepted = reply(250, "2.0.0 queued")
        let expected = SMTPDeliveryReport(
            acceptedRecipients: ["b@x.test"],
            rejectedRecipients: [SMTPRejectedRecipient(recipient: "a@x.test", reply: reply(550, "5.1.1 no such user"))],
            reply: accepted)
        #expect(session.replyReceived(accepted) == .succeed(expected))
        #expect(session.replyReceived(reply(221)) == .close)
        #expect(session.isFinished)
    }

    @Test func withoutPipeliningEachCommandWaitsForItsReply() {
        var session = machine()
        _ = session.replyReceived(reply(220))
        #expect(session.replyReceived(reply(250, "mx")) == .send([.mailFrom("s@x.test", parameters: [])]))
        #expect(session.replyReceived(reply(250)) == .send([.recipient("a@x.test")]))
        #expect(session.replyReceived(reply(250)) == .send([.recipient("b@x.test")]))
        #expect(session.replyReceived(reply(250)) == .send([.data]))
        #expect(session.replyReceived(reply(354)) == .sendContent)
    }

    @Test func refusedEHLOFallsBackToHELO() {
        var session = machine()
        _ = session.replyReceived(reply(220))
        #expect(session.replyReceived(reply(502, "5.5.1 unknown")) == .send([.helo("client.test")]))
        #expect(session.replyReceived(reply(250)) == .send([.mailFrom("s@x.test", parameters: [])]))
    }

    @Test func startTLSIsFollowedByASecondEHLO() {
        var session = machine(security: .startTLSIfOffered)
        _ = session.replyReceived(reply(220))
        #expect(session.replyReceived(reply(250, "mx", "STARTTLS")) == .send([.startTLS]))
        #expect(session.replyReceived(reply(220, "go ahead")) == .startTLS)
        #expect(session.tlsEstablished() == .send([.ehlo("client.test")]))
        #expect(session.isSecured)
        #expect(session.replyReceived(reply(250, "mx", "STARTTLS")) == .send([.mailFrom("s@x.test", parameters: [])]))
    }

    @Test func requiredStartTLSThatIsNotOfferedFailsWithATLSError() {
        var session = machine(security: .startTLSRequired)
        _ = session.replyReceived(reply(220))
        let action = session.replyReceived(reply(250, "mx", "AUTH PLAIN"))
        #expect(failure(action)?.code == .tls)
        #expect(action == .fail(failure(action)!, quit: true))
    }

    @Test func credentialsAreNeverSentWithoutTLS() {
        var session = machine(credentials: SMTPCredentials(username: "u", password: SecretText("p")))
        _ = session.replyReceived(reply(220))
        #expect(failure(session.replyReceived(reply(250, "mx", "AUTH PLAIN LOGIN")))?.code == .authentication)
    }

    @Test func authLoginAnswersBothPromptsAndPlainIsPreferred() {
        let credentials = SMTPCredentials(username: "user", password: SecretText("pass"))
        var login = machine(security: .implicitTLS, credentials: credentials)
        _ = login.replyReceived(reply(220))
        #expect(login.replyReceived(reply(250, "mx", "AUTH=LOGIN")) == .send([.authLogin]))
        #expect(login.replyReceived(reply(334, "VXNlcm5hbWU6")) == .send([.authResponse(SecretText("dXNlcg=="))]))
        #expect(login.replyReceived(reply(334, "UGFzc3dvcmQ6")) == .send([.authResponse(SecretText("cGFzcw=="))]))
        #expect(login.replyReceived(reply(235)) == .send([.mailFrom("s@x.test", parameters: [])]))

        var plain = machine(security: .implicitTLS, credentials: credentials)
        _ = plain.replyReceived(reply(220))
        #expect(
            plain.replyReceived(reply(250, "mx", "AUTH LOGIN PLAIN"))
                == .send([.authPlain(SecretText("AHVzZXIAcGFzcw=="))]))
        #expect(failure(plain.replyReceived(reply(535, "5.7.8 bad credentials")))?.code == .authentication)
    }

    @Test func messageLargerThanSIZEFailsBeforeMAIL() {
        var session = machine(size: 5000)
        _ = session.replyReceived(reply(220))
        let action = session.replyReceived(reply(250, "mx", "SIZE 1000"))
        #expect(failure(action)?.code == .messageTooLarge)
    }

    @Test(arguments: [(451, SMTPError.Code.transient), (550, .permanent), (552, .messageTooLarge)])
    func refusedSenderMapsByReplyCode(code: Int, expected: SMTPError.Code) {
        var session = machine()
        _ = session.replyReceived(reply(220))
        _ = session.replyReceived(reply(250, "mx"))
        #expect(failure(session.replyReceived(reply(code)))?.code == expected)
    }

    @Test(arguments: [(451, SMTPError.Code.transient), (554, .permanent), (552, .messageTooLarge)])
    func refusedContentMapsByReplyCode(code: Int, expected: SMTPError.Code) {
        var session = machine(recipients: ["a@x.test"])
        _ = session.replyReceived(reply(220))
        _ = session.replyReceived(reply(250, "mx", "PIPELINING"))
        _ = session.replyReceived(reply(250))
        _ = session.replyReceived(reply(250))
        #expect(session.replyReceived(reply(354)) == .sendContent)
        let error = failure(session.replyReceived(reply(code)))
        #expect(error?.code == expected)
        #expect(error?.stage == "message content")
    }

    @Test func pipelinedRefusedSenderReadsEveryReplyAndEndsAnAcceptedData() {
        var session = machine()
        _ = session.replyReceived(reply(220))
        _ = session.replyReceived(reply(250, "mx", "PIPELINING"))
        #expect(session.replyReceived(reply(451, "4.3.0 later")) == .wait)
        #expect(session.replyReceived(reply(503)) == .wait)
        #expect(session.replyReceived(reply(503)) == .wait)
        #expect(session.replyReceived(reply(354)) == .send([.endOfEmptyData]))
        let action = session.replyReceived(reply(554, "no valid recipients"))
        #expect(failure(action)?.code == .transient)
        #expect(failure(action)?.stage == "MAIL FROM")
    }

    @Test(arguments: [(451, SMTPError.Code.transient), (553, .permanent)])
    func everyRecipientRefusedIsTransientOnlyWhenOneRefusalWas4xx(lastRefusal: Int, expected: SMTPError.Code) {
        var session = machine()
        _ = session.replyReceived(reply(220))
        _ = session.replyReceived(reply(250, "mx"))
        _ = session.replyReceived(reply(250))
        _ = session.replyReceived(reply(550))
        #expect(failure(session.replyReceived(reply(lastRefusal)))?.code == expected)
    }

    @Test func serverClosingWith421IsTransientWithoutQUIT() {
        var session = machine()
        _ = session.replyReceived(reply(220))
        let action = session.replyReceived(reply(421, "4.3.2 shutting down"))
        #expect(action == .fail(failure(action)!, quit: false))
        #expect(failure(action)?.isRetryable == true)
        #expect(session.isFinished)
    }

    @Test func timeoutNamesTheStageAndQuitTimeoutOnlyCloses() {
        var session = machine()
        #expect(failure(session.timedOut())?.stage == "greeting")
        var quitting = machine()
        _ = quitting.replyReceived(reply(554, "go away"))
        #expect(quitting.timedOut() == .close)
    }
}
