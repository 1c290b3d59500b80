extension GraphClient {
    /// `GET /me?$select=id,mail,userPrincipalName,proxyAddresses`: the primary address (`mail`,
    /// else the sign-in name) and the aliases from the `smtp:` entries of `proxyAddresses`, which
    /// work and school accounts have and personal accounts lack
    /// (https://learn.microsoft.com/graph/api/user-get, https://learn.microsoft.com/graph/api/resources/user).
    public func profile(access: MailboxAccess) async throws -> ProviderProfile {
        let me = try await http.json(
            GraphUser.self,
            GraphRequest(.GET, meURL(query: [("$select", "id,mail,userPrincipalName,proxyAddresses")])),
            access: access)
        let proxies = (me.proxyAddresses ?? []).compactMap { entry -> (primary: Bool, address: String)? in
            guard entry.lowercased().hasPrefix("smtp:") else { return nil }
            return (entry.hasPrefix("SMTP:"), String(entry.dropFirst(5)))
        }
        let primary = me.mail ?? proxies.first { $0.primary }?.address ?? me.userPrincipalName ?? ""
        let aliases = proxies.map(\.address).filter { $0.lowercased() != primary.lowercased() }
        return ProviderProfile(address: primary, aliases: aliases)
    }
}
