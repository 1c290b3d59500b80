import Foundation
import SyncCore

/// Names one connection with its tenant, as the token store and the jobs need it.
public struct ConnectionRef: Sendable, Hashable, Codable {
    /// The connection's agency and sub-account.
    public var scope: TenantScope
    /// The connection.
    public var connectionID: UUID

    /// Creates a reference.
    public init(scope: TenantScope, connectionID: UUID) {
        self.scope = scope
        self.connectionID = connectionID
    }

    enum CodingKeys: String, CodingKey { case agencyID, subAccountID, connectionID }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = .subAccount(
            try container.decode(UUID.self, forKey: .subAccountID), of: try container.decode(UUID.self, forKey: .agencyID))
        connectionID = try container.decode(UUID.self, forKey: .connectionID)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope.agencyID, forKey: .agencyID)
        try container.encode(scope.subAccountID, forKey: .subAccountID)
        try container.encode(connectionID, forKey: .connectionID)
    }
}
