import Foundation
import JobQueue
import Postgres
import Providers
import Store
import SyncCore

/// The `contact.reevaluate` job (SPEC rule 11, late contacts): when a contact is created, the
/// messages of the last 30 days that a connection skipped as `not_a_contact` and that name the
/// contact's address are fetched again and decided again, and synced if the rules now allow. Each
/// batch is written like a sync page (one transaction, through every active connection that saw
/// the message), so a re-run duplicates nothing.
public struct LateContactHandler: Sendable {
    /// How far back skipped messages are evaluated again.
    public static let window: TimeInterval = 30 * 24 * 60 * 60

    let sync: MailboxSyncHandler

    /// Creates the handler; `sync` fetches and writes.
    public init(sync: MailboxSyncHandler) {
        self.sync = sync
    }

    /// Registers `contact.reevaluate`.
    public func register(in handlers: inout JobHandlers) {
        handlers.register("contact.reevaluate") { job in
            do {
                return try await reevaluate(try job.decodePayload(LateContactPayload.self))
            } catch let error as ProviderError where error.code == .rateLimited {
                throw RetryLater(rateLimited: error)
            }
        }
    }

    /// Evaluates again the skipped messages that name `payload.email`.
    public func reevaluate(_ payload: LateContactPayload) async throws -> JobOutcome {
        let scope = payload.scope
        let since = Date().addingTimeInterval(-Self.window)
        let (skipped, mailboxes) = try await sync.store.withTenant(scope) { tx in
            let skipped = try await tx.syncDecisions.skippedAsNotAContact(naming: payload.email, since: since)
            var mailboxes = [UUID: UUID]()
            for connectionID in Set(skipped.map(\.connectionID)) {
                mailboxes[connectionID] = try await tx.connections.get(connectionID)?.mailboxID
            }
            return (skipped, mailboxes)
        }
        for (connectionID, messages) in Dictionary(grouping: skipped, by: \.connectionID) {
            guard let mailboxID = mailboxes[connectionID] else { continue }
            _ = try await sync.importMessages(
                messages.map(\.providerMessageID), mailboxID: mailboxID, connectionID: connectionID)
        }
        return .succeeded
    }
}

/// The payload of `contact.reevaluate`.
public struct LateContactPayload: Codable, Sendable {
    /// The contact's agency.
    public var agencyID: UUID
    /// The contact's sub-account.
    public var subAccountID: UUID
    /// The new contact's address.
    public var email: String

    /// Creates a payload.
    public init(subAccountID: UUID, agencyID: UUID, email: String) {
        self.agencyID = agencyID
        self.subAccountID = subAccountID
        self.email = email
    }

    /// The contact's tenant.
    public var scope: TenantScope { .subAccount(subAccountID, of: agencyID) }
}

extension SyncJobs {
    /// Evaluate again a new contact's recently skipped mail (rule 11); one live job per contact address.
    public static func reevaluate(contactEmail: String, subAccountID: UUID, agencyID: UUID) -> NewJob {
        let payload = LateContactPayload(subAccountID: subAccountID, agencyID: agencyID, email: contactEmail.lowercased())
        return NewJob(
            kind: "contact.reevaluate", fairnessKey: subAccountID.uuidString,
            uniqueKey: "contact.reevaluate:\(subAccountID.uuidString):\(payload.email)",
            payload: (try? PostgresJSON(encoding: payload)) ?? PostgresJSON(text: "{}"))
    }
}
