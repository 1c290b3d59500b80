/// The sub-account-level sender's wire (SPEC "Which sender sends"): hands one built message to the
/// sub-account's SMTP server. The `email.send` handler calls it for every send whose sender is the
/// sub-account provider; the SMTP client implements it.
///
/// Throw ``SubAccountMailerError`` when the whole send failed (connection, TLS, authentication,
/// the server refusing the envelope sender); answer per recipient otherwise.
public protocol SubAccountMailer: Sendable {
    /// Sends `mail.raw` with the envelope of `mail`; one result per envelope recipient.
    func send(_ mail: SubAccountMail) async throws -> [SubAccountDelivery]
}
