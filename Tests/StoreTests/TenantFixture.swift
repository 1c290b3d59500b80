import Foundation
import Postgres
import Store
import SyncCore

/// A sub-account with a row in every tenant table (and a mailbox), made through the store as the
/// runtime role: what the isolation, erase and rotation tests compare tenants with.
struct TenantFixture: Sendable {
    var agencyID: UUID
    var subAccountID: UUID
    var bccAddress: String
    var userID: UUID
    var contactID: UUID
    var mailboxID: UUID
    var connectionID: UUID
    var apiKeyID: UUID
    var apiToken: SecretText
    var oauthState: String

    var scope: TenantScope { .subAccount(subAccountID, of: agencyID) }

    /// Creates a sub-account in a new agency, or in `agencyID`'s; connects `mailboxAccount`
    /// (a new Gmail account unless given, so two fixtures can share a mailbox).
    static func make(
        _ store: Store, agencyID existing: UUID? = nil, mailboxAccount: String = "acct-\(UUID().uuidString)"
    ) async throws -> TenantFixture {
        let agencyID = existing ?? UUID()
        return try await store.withTenant(.agency(agencyID)) { tx in
            if existing == nil {
                _ = try await tx.agency.create(name: "Agency \(agencyID.uuidString.prefix(8))")
            }
            let (apiKey, apiToken) = try await tx.apiKeys.create(name: "test")
            _ = try await tx.webhookEndpoints.create(url: "https://crm.example.test/hooks", eventTypes: nil)
            let subAccount = try await tx.subAccounts.create(name: "Sub-account", bccDomain: "bcc.example.test")
            let user = try await tx.users.create(email: "staff-\(UUID().uuidString.prefix(8))@example.test", name: "Staff")
            return try await tx.withScope(subAccount.scope) { scoped in
                try await scoped.users.addMembership(userID: user.id)
                let contact = try await scoped.contacts.create(email: "Anna@Example.test", name: "Anna", source: .crm)
                try await scoped.emailProvider.save(
                    EmailProviderSettings(
                        host: "smtp.example.test", port: 587, tlsMode: .startTLS, username: "mailer",
                        sendingDomain: "mail.example.test", defaultFromAddress: "hello@mail.example.test"))
                try await scoped.emailProvider.setSecret(SecretText("smtp-password-\(subAccount.id)"))
                let mailbox = try await scoped.mailboxes.upsert(
                    provider: .gmail, accountID: mailboxAccount, address: "\(mailboxAccount)@gmail.test")
                try await scoped.mailboxes.setCursor(mailbox.id, to: "1000")
                let connection = try await scoped.connections.create(
                    userID: user.id, mailboxID: mailbox.id,
                    tokens: ConnectionTokens(
                        accessToken: SecretText("access-\(subAccount.id)"), refreshToken: SecretText("refresh-\(subAccount.id)"),
                        expiresAt: Date().addingTimeInterval(3600)),
                    scopes: ["gmail.modify", "gmail.send"])
                try await scoped.events.append("connection.status_changed", payload: ["connectionID": connection.id.uuidString])
                try await addSyncedMessage(scoped, contactID: contact.id, connectionID: connection.id)
                try await scoped.bccCopies.record(
                    messageID: "copy-\(subAccount.id)@fixture.example", decision: "skipped", reason: "sender_not_a_user",
                    addresses: [], crmMessageID: nil)
                _ = try await scoped.backfills.start(
                    connectionID: connection.id, window: DateInterval(start: Date().addingTimeInterval(-86400), end: Date()))
                let state = try await scoped.oauthStates.create(
                    userID: user.id, provider: .gmail, verifier: SecretText("verifier-\(subAccount.id)"), returnURL: nil)
                return TenantFixture(
                    agencyID: agencyID, subAccountID: subAccount.id, bccAddress: subAccount.bccAddress, userID: user.id,
                    contactID: contact.id, mailboxID: mailbox.id, connectionID: connection.id, apiKeyID: apiKey.id,
                    apiToken: apiToken, oauthState: state)
            }
        }
    }

    /// One synced message with a row in every message table: thread, conversation and link,
    /// message, attachment, thread and message maps, decision.
    private static func addSyncedMessage(_ tx: TenantTransaction, contactID: UUID, connectionID: UUID) async throws {
        let threadID = try await tx.threads.create(origin: .mailbox)
        try await tx.conversations.link(threadID: threadID, toConversationOf: contactID)
        let messageID = "fixture-\(UUID().uuidString)@example.test"
        let stored = try await tx.messages.insert(
            NewMessage(
                threadID: threadID, direction: .inbound, source: .mailbox, syncReason: .contactInbound, messageID: messageID,
                fingerprint: "00112233445566ff", from: MailAddressText(address: "anna@example.test", name: "Anna"),
                to: ["staff@example.test"], cc: [], bcc: [], subject: "Hello", textBody: "Hi", htmlBody: nil, inReplyTo: [],
                references: [], sentAt: Date(), isRead: false, isTrashed: false, senderConnectionID: nil))
        try await tx.messages.addAttachment(
            messageID: stored.id, partID: "2", filename: "a.pdf", mimeType: "application/pdf", content: [1, 2, 3])
        try await tx.threads.map(connectionID: connectionID, providerThreadID: "thread-1", to: threadID)
        try await tx.messages.map(connectionID: connectionID, providerMessageID: "msg-1", providerThreadID: "thread-1", to: stored.id)
        try await tx.syncDecisions.record(
            connectionID: connectionID, providerMessageID: "msg-1", messageID: messageID,
            decision: .skip(.notAContact), addresses: ["anna@example.test"])
        _ = try await tx.outbox.create(
            messageID: stored.id, kind: .single, reason: .singleByConnectedUser, userID: nil, connectionID: connectionID,
            contactID: contactID)
        _ = try await tx.idempotencyKeys.claim("fixture-key", requestHash: "fixture-hash")
        try await tx.idempotencyKeys.complete("fixture-key", status: 202, body: Array("{}".utf8))
    }

    /// The value of a tenant column that names this fixture's tenant.
    func tenantValue(_ level: TenantTable.Level) -> UUID {
        switch level {
        case .agency: agencyID
        case .subAccount: subAccountID
        }
    }
}

extension Keyring {
    /// A keyring of one new random key.
    static func random(id: String = "test1") throws -> Keyring {
        try Keyring(parsing: generateEntry(id: id))
    }
}
