/// The properties of `/me` the client reads (https://learn.microsoft.com/graph/api/user-get).
struct GraphUser: Decodable, Sendable {
    var id: String
    var mail: String?
    var userPrincipalName: String?
    /// `SMTP:primary@x` and `smtp:alias@x` entries; absent for personal accounts.
    var proxyAddresses: [String]?
}
