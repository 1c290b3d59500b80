import Foundation
import Hummingbird
import Store
import SyncCore

/// `/v1/sub-accounts`: an agency's businesses and their sync settings (BCC address, Labs flags,
/// attachment policy, backfill window).
struct SubAccountController {
    let store: Store
    let bccDomain: String

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("sub-accounts", use: create)
        group.get("sub-accounts", use: list)
        group.get("sub-accounts/:subAccountID", use: get)
        group.patch("sub-accounts/:subAccountID", use: update)
    }

    struct CreateBody: ValidatedBody {
        var name: String
        func validate() -> [ProblemDetails.InvalidParam] { FieldRules.nonEmpty(name, "name") }
    }

    struct UpdateBody: ValidatedBody {
        var name: String?
        var labs: LabsBody?
        var attachmentPolicy: AttachmentPolicyBody?
        /// Days of mail a new connection imports; 0 turns the backfill off.
        var backfillDays: Int?

        func validate() -> [ProblemDetails.InvalidParam] {
            var problems = name.map { FieldRules.nonEmpty($0, "name") } ?? []
            problems += attachmentPolicy?.validate(prefix: "attachmentPolicy") ?? []
            if let backfillDays, !(0...365).contains(backfillDays) {
                problems.append(.init(name: "backfillDays", reason: "must be from 0 (none) to 365"))
            }
            return problems
        }
    }

    @Sendable func create(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<SubAccountResponse> {
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let agencyID = try TenantAccess.agency(context)
        let subAccount = try await store.withTenant(.agency(agencyID)) { tx in
            try await tx.subAccounts.create(name: body.name, bccDomain: bccDomain)
        }
        return EditedResponse(status: .created, response: SubAccountResponse(subAccount))
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<SubAccountResponse> {
        let page = try PageRequest(request)
        let agencyID = try TenantAccess.agency(context)
        let all = try await store.withTenant(.agency(agencyID)) { tx in try await tx.subAccounts.list() }
        return page.slice(all.map(SubAccountResponse.init), id: \.id)
    }

    @Sendable func get(_ request: Request, context: MailSyncRequestContext) async throws -> SubAccountResponse {
        let scope = try TenantAccess.subAccount(request, context)
        return try await TenantAccess.withSubAccount(store, scope) { tx in SubAccountResponse(try await tx.subAccounts.current()) }
    }

    @Sendable func update(_ request: Request, context: MailSyncRequestContext) async throws -> SubAccountResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let body = try await request.decodeJSON(UpdateBody.self, context: context)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            if let name = body.name { try await tx.subAccounts.rename(to: name) }
            if let labs = body.labs { try await tx.subAccounts.setLabs(LabsFlags(outlookTwoWaySync: labs.outlookTwoWaySync)) }
            if let policy = body.attachmentPolicy { try await tx.subAccounts.setAttachmentPolicy(policy.policy) }
            if let days = body.backfillDays { try await tx.subAccounts.setBackfillDays(days == 0 ? nil : days) }
            return SubAccountResponse(try await tx.subAccounts.current())
        }
    }
}
