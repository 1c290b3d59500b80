import SMTP
import SyncCore

/// The sub-account provider's wire: `SubAccountMailer` over the SwiftNIO `SMTPClient`, one SMTP
/// session per message with the sub-account's server settings (`EmailProviderSettings`):
/// `none` is plaintext (credentials are then refused), `starttls` requires STARTTLS, `tls` is
/// implicit TLS. Retryable SMTP failures (connection, timeout, 4xx) are transient for the job.
public struct SMTPSubAccountMailer: SubAccountMailer {
    let client: SMTPClient

    /// Creates the mailer over one client (its event loops are shared).
    public init(client: SMTPClient = SMTPClient()) {
        self.client = client
    }

    /// Sends the message; one result per envelope recipient.
    public func send(_ mail: SubAccountMail) async throws -> [SubAccountDelivery] {
        let settings = mail.settings
        let credentials = settings.username.flatMap { username in
            mail.password.map { SMTPCredentials(username: username, password: $0) }
        }
        let server = SMTPServer(
            host: settings.host, port: settings.port, security: Self.security(settings.tlsMode),
            credentials: credentials, heloName: settings.sendingDomain)
        let report: SMTPDeliveryReport
        do {
            report = try await client.send(
                SMTPMessage(sender: mail.envelopeSender, recipients: mail.recipients, content: mail.raw), via: server)
        } catch let error as SMTPError {
            throw SubAccountMailerError(error.isRetryable ? .transient : .permanent, replyCode: error.reply?.code)
        }
        return report.acceptedRecipients.map { SubAccountDelivery(recipient: $0, outcome: .accepted) }
            + report.rejectedRecipients.map {
                SubAccountDelivery(
                    recipient: $0.recipient, outcome: $0.isTransient ? .deferred : .rejected, replyCode: $0.reply.code)
            }
    }

    static func security(_ mode: EmailProviderSettings.TLSMode) -> SMTPServer.Security {
        switch mode {
        case .none: .plaintext
        case .startTLS: .startTLSRequired
        case .tls: .implicitTLS
        }
    }
}
