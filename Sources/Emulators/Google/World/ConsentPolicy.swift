/// How the emulated consent page answers for an account.
public struct ConsentPolicy: Sendable, Codable, Hashable {
    /// `manual` (show the page), `approve` or `deny`.
    public var decision: String
    /// Scopes a user unticks when approving (e.g. `https://www.googleapis.com/auth/gmail.send`).
    public var withholdScopes: [String]

    /// Creates a policy.
    public init(decision: String = "manual", withholdScopes: [String] = []) {
        self.decision = decision
        self.withholdScopes = withholdScopes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        decision = try container.decodeIfPresent(String.self, forKey: .decision) ?? "manual"
        withholdScopes = try container.decodeIfPresent([String].self, forKey: .withholdScopes) ?? []
    }
}
