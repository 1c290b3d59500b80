import Mail

/// SPEC "Which sender sends": whether a CRM email goes out through the acting user's connected
/// mailbox or through the sub-account-level provider.
///
/// ```swift
/// SenderChoice.choose(kind: .bulk, fromField: "Anna@Example.com", actingUserHasActiveConnection: true,
///                     connectedAddress: "anna@example.com")  // .mailbox
/// ```
public enum SenderChoice {
    /// The kind of CRM email.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One email a user writes.
        case single
        /// A bulk send.
        case bulk
        /// A workflow or automation email.
        case workflow
    }

    /// What sends the email.
    public enum Sender: String, Sendable, Hashable, CaseIterable {
        /// The acting user's connected mailbox; its address is the sender.
        case mailbox
        /// The sub-account-level provider and its sending domain.
        case subAccountProvider = "sub_account_provider"
    }

    /// The sender for an email of `kind` whose From field says `fromField` (nil or blank when
    /// empty). `actingUserHasActiveConnection` is `Connection.Status.isActive` of the acting
    /// user's connection; `connectedAddress` is its mailbox's address. A bulk email goes through
    /// the mailbox only when its From is exactly that address (case-insensitive; a display name
    /// around it is allowed).
    public static func choose(
        kind: Kind, fromField: String?, actingUserHasActiveConnection: Bool, connectedAddress: String?
    ) -> Sender {
        guard actingUserHasActiveConnection else { return .subAccountProvider }
        switch kind {
        case .single:
            return .mailbox
        case .workflow:
            return .subAccountProvider
        case .bulk:
            guard let from = fromAddress(fromField), let connected = connectedAddress,
                from == connected.trimmingCharacters(in: .whitespaces).lowercased()
            else { return .subAccountProvider }
            return .mailbox
        }
    }

    /// The address a From field names, lower case, or nil when it is blank or names none.
    private static func fromAddress(_ field: String?) -> String? {
        guard let field, !field.allSatisfy(\.isWhitespace) else { return nil }
        let addresses = MailAddress.parseList(field)
        guard addresses.count == 1 else { return nil }
        return addresses[0].normalized
    }
}
