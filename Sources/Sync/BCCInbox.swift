import Foundation
import Mail
import Store
import SyncCore

/// Receives mail posted to a sub-account's BCC address or bounce address (SPEC "The BCC address
/// receives mail"): nothing posted there bounces. A delivery status report marks the CRM message
/// it is about bounced. Any other copy is decided by `SyncRules.decideBCCCopy`: it duplicates
/// nothing the sender's own sent copy covers, an automatic copy creates nothing (rule 7), and the
/// copy of mail by a user without an active connection is stored under rule 4. Every copy's
/// decision is recorded in `bcc_copies`, in the same transaction as what it stored.
public struct BCCInbox: Sendable {
    /// Header fields that mark a copy as made by something other than the sender's own Bcc:
    /// RFC 3834 auto-submission, a redirect (`Resent-*`), forwarding and mail-rule markers, and the
    /// CRM's own auto-BCC stamp.
    static let automaticCopyFields = [
        "Resent-From", "Resent-To", "X-Forwarded-For", "X-Forwarded-To", "X-MS-Exchange-Inbox-Rules-Loop",
        "X-MailSync-Auto-Bcc",
    ]

    let store: Store

    /// Creates the inbox.
    public init(store: Store) {
        self.store = store
    }

    /// Takes one posted message. `recipients` are the envelope recipients the MTA names; the
    /// message's own To, Cc, Delivered-To and X-Original-To are tried after them. Returns nil
    /// when none is a BCC or bounce address of any sub-account.
    public func receive(_ raw: [UInt8], recipients: [String]) async throws -> BCCReceipt? {
        let parsed = MessageParser().parse(raw)
        guard let scope = try await subAccount(for: recipients + Self.headerRecipients(of: parsed)) else { return nil }
        return try await store.withTenant(scope) { tx in try await receive(parsed, in: tx) }
    }

    private func receive(_ parsed: ParsedMessage, in tx: TenantTransaction) async throws -> BCCReceipt {
        let messageID = parsed.messageID ?? MessageFingerprint.derivedMessageID(bccCopyOf: parsed)
        let addresses = (parsed.from + parsed.to + parsed.cc).map(\.normalized)
        if parsed.deliveryStatus != nil {
            let marked = try await BounceRecorder(transaction: tx).record(parsed)
            let receipt = BCCReceipt(
                decision: "skipped", reason: SkipReason.deliveryReport.rawValue, messageID: marked.first,
                bouncedMessageIDs: marked)
            try await tx.bccCopies.record(
                messageID: messageID, decision: receipt.decision, reason: receipt.reason, addresses: [],
                crmMessageID: marked.first)
            return receipt
        }
        let fingerprint = MessageFingerprint(message: parsed, messageID: messageID)
        let subAccount = try await tx.subAccounts.current()
        let members = try await tx.users.members()
        let sender = parsed.from.first?.normalized
        var senderHasActiveConnection = false
        if let user = members.first(where: { $0.email.lowercased() == sender }),
            let connection = try await tx.connections.active(userID: user.id)
        {
            senderHasActiveConnection = connection.status == .connected || connection.status == .needsReauth
        }
        let context = BCCCopyContext(
            subAccount: subAccount, contacts: try await tx.contacts.find(emails: addresses),
            userAddresses: members.map(\.email), senderHasActiveConnection: senderHasActiveConnection,
            messageAlreadyStored: try await tx.messages.exists(fingerprint: fingerprint.key))
        let facts = MessageFacts(
            message: parsed, inSentFolder: false, bccIsAutomatic: Self.isAutomaticCopy(parsed))
        let decision = SyncRules.decideBCCCopy(facts, in: context)
        guard let plan = decision.plan else {
            let reason = decision.skipReason?.rawValue ?? "skipped"
            try await tx.bccCopies.record(
                messageID: messageID, decision: "skipped", reason: reason, addresses: addresses, crmMessageID: nil)
            return BCCReceipt(decision: "skipped", reason: reason, messageID: nil, bouncedMessageIDs: [])
        }
        let threads = tx.threads
        let thread = try await ThreadResolver.resolve(
            parsed, providerThreadID: nil, threadForProviderThread: { _ in nil },
            threadForMessageID: { try await threads.thread(messageID: $0) })
        let stored = try await CRMMessageWriter(transaction: tx).store(
            parsed, messageID: messageID, fingerprint: fingerprint, plan: plan, threadID: thread?.thread.id,
            source: .bcc, bcc: [], isRead: true, isTrashed: false, connectionID: nil)
        try await tx.bccCopies.record(
            messageID: messageID, decision: "synced", reason: plan.reason.rawValue, addresses: addresses,
            crmMessageID: stored.messageID)
        return BCCReceipt(
            decision: "synced", reason: plan.reason.rawValue, messageID: stored.messageID, bouncedMessageIDs: [])
    }

    /// The first of `candidates` that is a sub-account's BCC address or bounce address.
    private func subAccount(for candidates: [String]) async throws -> TenantScope? {
        for candidate in candidates {
            let address = candidate.trimmingCharacters(in: .whitespaces).lowercased()
            if let scope = try await store.routing.subAccount(bccAddress: BounceAddress.bccAddress(in: address) ?? address) {
                return scope
            }
        }
        return nil
    }

    private static func headerRecipients(of parsed: ParsedMessage) -> [String] {
        let delivered = ["Delivered-To", "X-Original-To"].flatMap { parsed.header.fields(named: $0) }.map {
            $0.value.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        }
        return delivered + (parsed.to + parsed.cc).map(\.normalized)
    }

    static func isAutomaticCopy(_ parsed: ParsedMessage) -> Bool {
        if automaticCopyFields.contains(where: { parsed.header[$0] != nil }) { return true }
        guard let autoSubmitted = parsed.header["Auto-Submitted"]?.value else { return false }
        return autoSubmitted.trimmingCharacters(in: .whitespaces).lowercased() != "no"
    }
}

/// What the BCC inbox did with a posted message.
public struct BCCReceipt: Sendable, Codable, Hashable {
    /// `synced` or `skipped`.
    public var decision: String
    /// The rule's reason (`bcc_copy`, `duplicate_of_sent_copy`, `automatic_bcc_copy`, `delivery_report`, ...).
    public var reason: String
    /// The CRM message stored, or the first one a report marked bounced.
    public var messageID: UUID?
    /// The CRM messages a delivery status report marked bounced.
    public var bouncedMessageIDs: [UUID]
}
