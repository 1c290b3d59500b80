import Foundation

/// The tenant a database transaction acts for.
///
/// Every tenant-scoped transaction names its agency; a sub-account-level transaction also names
/// the sub-account. Agency-wide rows (users, API keys, the agency's sub-accounts) need only the
/// agency; sub-account rows (contacts, connections, ...) need both.
/// ```swift
/// let scope = TenantScope.subAccount(subAccountID, of: agencyID)
/// ```
public struct TenantScope: Sendable, Hashable {
    /// The agency, always set.
    public var agencyID: UUID
    /// The sub-account, or nil for an agency-level scope.
    public var subAccountID: UUID?

    /// Creates a scope; leave `subAccountID` nil for agency-level work.
    public init(agencyID: UUID, subAccountID: UUID? = nil) {
        self.agencyID = agencyID
        self.subAccountID = subAccountID
    }

    /// An agency-level scope: agency-wide rows only.
    public static func agency(_ agencyID: UUID) -> TenantScope {
        TenantScope(agencyID: agencyID)
    }

    /// A sub-account scope: the sub-account's rows and its agency's agency-wide rows.
    public static func subAccount(_ subAccountID: UUID, of agencyID: UUID) -> TenantScope {
        TenantScope(agencyID: agencyID, subAccountID: subAccountID)
    }
}
