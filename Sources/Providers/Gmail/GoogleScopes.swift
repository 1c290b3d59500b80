/// Compares granted scopes with `GoogleConfiguration.requiredScopes`.
///
/// Google reports the OpenID scopes it grants by their long names (`email` comes back as
/// `https://www.googleapis.com/auth/userinfo.email`), so both spellings count.
enum GoogleScopes {
    private static let aliases = [
        "email": "https://www.googleapis.com/auth/userinfo.email",
        "profile": "https://www.googleapis.com/auth/userinfo.profile",
    ]

    /// The required scopes missing from `granted`, in the short form the service asks with.
    static func missing(from granted: [String], required: [String] = GoogleConfiguration.requiredScopes) -> [String] {
        let have = Set(granted)
        return required.filter { scope in
            !have.contains(scope) && !(aliases[scope].map(have.contains) ?? false)
        }
    }
}
