import Foundation
import Hummingbird
import Store
import SyncCore

/// Turns the principal and the path into the tenant scope a handler may act in, or a problem.
///
/// An agency key reaches its own agency's sub-accounts; whether a sub-account id belongs to that
/// agency is decided by row-level security inside the scoped transaction (another agency's id
/// simply is not there: 404, exactly like an unknown id).
enum TenantAccess {
    /// The agency of an agency-key request; user tokens are refused.
    static func agency(_ context: MailSyncRequestContext) throws -> UUID {
        guard case .agency(let agencyID, _) = context.principal else {
            throw Problems.forbidden("This route needs an agency API key.")
        }
        return agencyID
    }

    /// The scope of `/v1/sub-accounts/{subAccountID}/...` for an agency key.
    static func subAccount(_ request: Request, _ context: MailSyncRequestContext) throws -> TenantScope {
        let agencyID = try agency(context)
        return .subAccount(try uuid(context, "subAccountID", what: "sub-account"), of: agencyID)
    }

    /// A UUID path parameter; a malformed one is as unknown as a missing row.
    static func uuid(_ context: MailSyncRequestContext, _ name: String, what: String) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw Problems.notFound(what)
        }
        return id
    }

    /// Runs `body` in the sub-account's scope after checking that the sub-account is visible there.
    static func withSubAccount<T: Sendable>(
        _ store: Store, _ scope: TenantScope, _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await store.withTenant(scope) { tx in
            guard (try? await tx.subAccounts.current()) != nil else { throw Problems.notFound("sub-account") }
            return try await body(tx)
        }
    }
}
