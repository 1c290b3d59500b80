/// `/me` as Graph renders it (https://learn.microsoft.com/graph/api/resources/user): the default
/// properties, and `proxyAddresses` only when selected.
struct GraphUserJSON: Encodable, Sendable {
    var context: String
    var id: String
    var displayName: String?
    var mail: String?
    var userPrincipalName: String?
    var proxyAddresses: [String]?

    enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case id, displayName, mail, userPrincipalName, proxyAddresses
    }

    init(_ account: OutlookAccount, origin: String, select: [String]?) {
        let wanted = select.map { Set($0.map { $0.lowercased() }) }
        func include(_ name: String, byDefault: Bool = true) -> Bool {
            wanted?.contains(name.lowercased()) ?? byDefault
        }
        context = "\(origin)/v1.0/$metadata#users/$entity"
        id = account.id
        if include("displayName") { displayName = account.displayName }
        if include("mail") { mail = account.address }
        if include("userPrincipalName") { userPrincipalName = account.address }
        if include("proxyAddresses", byDefault: false) {
            proxyAddresses = ["SMTP:\(account.address)"] + account.aliases.map { "smtp:\($0)" }
        }
    }
}
