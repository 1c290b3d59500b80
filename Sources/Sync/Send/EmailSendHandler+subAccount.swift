import Foundation
import JobQueue
import Mail
import Store
import SyncCore

extension EmailSendHandler {
    /// A send through the sub-account's own provider.
    struct SubAccountPlan {
        let outgoing: Outgoing
        let mail: SubAccountMail
    }

    /// The plan of a sub-account send; nil after failing the row when the sub-account has no
    /// provider (any more) or the worker has no mailer.
    func subAccountPlan(_ outgoing: Outgoing, subAccount: SubAccount, in tx: TenantTransaction) async throws
        -> SubAccountPlan?
    {
        guard mailer != nil else {
            try await tx.outbox.markFailed(
                outgoing.entry.id, error: "No sub-account mailer is configured in this worker; the email was not sent.")
            return nil
        }
        guard let settings = try await tx.emailProvider.get() else {
            try await tx.outbox.markFailed(
                outgoing.entry.id, error: "The sub-account has no email provider; the email was not sent.")
            return nil
        }
        let stored = outgoing.stored
        let from = MailAddress(
            displayName: stored.from?.name, address: stored.from?.address ?? settings.defaultFromAddress)
        let composed = try composer.compose(stored, from: from, listUnsubscribe: outgoing.listUnsubscribe)
        let mail = SubAccountMail(
            settings: settings, password: try await tx.emailProvider.secret(),
            envelopeSender: BounceAddress.of(bccAddress: subAccount.bccAddress),
            recipients: stored.to + stored.cc + stored.bcc, raw: composed.built.bytes,
            messageID: composed.built.messageID)
        return SubAccountPlan(outgoing: outgoing, mail: mail)
    }

    /// One attempt through the sub-account's provider. A failure of the whole send retries (or fails
    /// for good); per recipient, the mail is sent when any recipient accepted it, and refusals are noted.
    func sendThroughSubAccount(_ plan: SubAccountPlan) async throws -> JobOutcome {
        guard let mailer else { return .succeeded }
        let outgoing = plan.outgoing
        try await store.withTenant(outgoing.scope) { tx in
            try await tx.outbox.markSending(outgoing.entry.id, connectionID: nil)
        }
        let deliveries: [SubAccountDelivery]
        do {
            deliveries = try await mailer.send(plan.mail)
        } catch let error as SubAccountMailerError where error.code == .permanent {
            try await fail(outgoing, "The sub-account's mail server refused the email (\(error)).")
            return .succeeded
        } catch {
            try await note(outgoing, "The sub-account's mail server could not be reached; retrying.")
            throw error
        }
        let accepted = deliveries.filter { $0.outcome == .accepted }.count
        guard accepted > 0 else {
            if deliveries.contains(where: { $0.outcome == .deferred }) {
                try await note(outgoing, "The sub-account's mail server deferred every recipient; retrying.")
                throw SubAccountMailerError(.transient)
            }
            try await fail(outgoing, "The sub-account's mail server refused every recipient.")
            return .succeeded
        }
        let stored = outgoing.stored
        try await store.withTenant(outgoing.scope) { tx in
            try await tx.outbox.markSent(
                outgoing.entry.id, connectionID: nil, providerMessageID: nil, providerThreadID: nil)
            if accepted < deliveries.count {
                try await tx.outbox.recordError(
                    outgoing.entry.id,
                    message:
                        "\(deliveries.count - accepted) of \(deliveries.count) recipients were refused or deferred.")
            }
            try await tx.events.append(
                MessageSent.eventType,
                payload: MessageSent(
                    messageID: stored.id, threadID: stored.threadID, outboxID: outgoing.entry.id,
                    sender: SenderChoice.Sender.subAccountProvider.rawValue, connectionID: nil, providerMessageID: nil))
        }
        return .succeeded
    }
}
