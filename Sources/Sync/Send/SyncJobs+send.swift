import Foundation
import JobQueue
import Postgres
import SyncCore

extension SyncJobs {
    /// Send one outbox row. Mailbox sends run in the connection's send lane (never behind a sync);
    /// sub-account sends in the sub-account's SMTP lane, one at a time per sub-account.
    public static func send(outboxID: UUID, scope: TenantScope, connectionID: UUID?) -> NewJob {
        let subAccount = scope.subAccountID?.uuidString ?? scope.agencyID.uuidString
        return NewJob(
            kind: EmailSendHandler.kind, fairnessKey: subAccount,
            laneKey: connectionID.map(sendLane) ?? smtpLane(subAccount),
            uniqueKey: "\(EmailSendHandler.kind):\(outboxID.uuidString)",
            payload: (try? PostgresJSON(encoding: SendPayload(scope: scope, outboxID: outboxID)))
                ?? PostgresJSON(text: "{}"))
    }

    /// The lane of a sub-account's sends through its own provider.
    static func smtpLane(_ subAccount: String) -> String { "smtp:\(subAccount)" }
}

/// The payload of an `email.send` job.
struct SendPayload: Codable {
    var agencyID: UUID
    var subAccountID: UUID
    var outboxID: UUID

    init(scope: TenantScope, outboxID: UUID) {
        agencyID = scope.agencyID
        subAccountID = scope.subAccountID ?? scope.agencyID
        self.outboxID = outboxID
    }

    var scope: TenantScope { .subAccount(subAccountID, of: agencyID) }
}
