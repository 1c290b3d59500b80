import Foundation
import Hummingbird
import Store
import SyncCore

/// `GET /v1/sub-accounts/{id}/connections/{connectionID}/decisions`: why each mailbox message a
/// connection saw was synced or skipped (SPEC rule 9), filterable by `decision`, `reason` and a
/// time range (`since` inclusive, `until` exclusive, ISO 8601), newest first. Ids and reasons only.
struct SyncDecisionController {
    let store: Store

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.get("sub-accounts/:subAccountID/connections/:connectionID/decisions", use: list)
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<DecisionResponse> {
        let scope = try TenantAccess.subAccount(request, context)
        let connectionID = try TenantAccess.uuid(context, "connectionID", what: "connection")
        let limit = try PageRequest.limit(request)
        let query = request.uri.queryParameters
        var problems: [ProblemDetails.InvalidParam] = []
        func time(_ name: String) -> Date? {
            guard let text = query[name[...]].map(String.init) else { return nil }
            let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            guard let date = (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: fractional)) else {
                problems.append(.init(name: name, reason: "must be an ISO 8601 time like 2026-11-29T09:00:00Z"))
                return nil
            }
            return date
        }
        let filter = DecisionFilter(
            decision: query["decision"].map(String.init), reason: query["reason"].map(String.init),
            since: time("since"), until: time("until"))
        if let decision = filter.decision, !["synced", "skipped"].contains(decision) {
            problems.append(.init(name: "decision", reason: "must be synced or skipped"))
        }
        var after: DecisionCursor?
        if let text = query["cursor"].map(String.init) {
            after = DecisionCursor(text: text)
            if after == nil { problems.append(.init(name: "cursor", reason: "must be a cursor from a previous page")) }
        }
        guard problems.isEmpty else { throw Problems.invalidBody("Bad query.", fields: problems) }
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard try await tx.connections.get(connectionID) != nil else { throw Problems.notFound("connection") }
            let records = try await tx.syncDecisions.list(
                connectionID: connectionID, filter: filter, after: after, limit: limit + 1)
            let items = Array(records.prefix(limit))
            return Page(
                items: items.map(DecisionResponse.init),
                nextCursor: records.count > limit ? items.last?.position.text : nil)
        }
    }
}
