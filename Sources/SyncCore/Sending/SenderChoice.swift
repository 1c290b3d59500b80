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

    /// Which row of SPEC's table applied, as a stable code (stored with the outbox row, shown by the send API).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A single email by a connected user.
        case singleByConnectedUser = "single_by_connected_user"
        /// A bulk email whose From is exactly the connected address.
        case bulkFromConnectedAddress = "bulk_from_connected_address"
        /// A bulk email with an empty From.
        case bulkWithEmptyFrom = "bulk_with_empty_from"
        /// A bulk email with another From address.
        case bulkFromOtherAddress = "bulk_from_other_address"
        /// A workflow or automation email.
        case workflow
        /// The acting user has no active connection.
        case noActiveConnection = "no_active_connection"

        /// The sender this row names.
        public var sender: Sender {
            switch self {
            case .singleByConnectedUser, .bulkFromConnectedAddress: .mailbox
            case .bulkWithEmptyFrom, .bulkFromOtherAddress, .workflow, .noActiveConnection: .subAccountProvider
            }
        }
    }

    /// The sender for an email of `kind` whose From field says `fromField` (nil or blank when
    /// empty). `actingUserHasActiveConnection` is `Connection.Status.isActive` of the acting
    /// user's connection; `connectedAddress` is its mailbox's address. A bulk email goes through
    /// the mailbox only when its From is exactly that address (case-insensitive; a display name
    /// around it is allowed).
    public static func choose(
        kind: Kind, fromField: String?, actingUserHasActiveConnection: Bool, connectedAddress: String?
    ) -> Sender {
        reason(
            kind: kind, fromField: fromField, actingUserHasActiveConnection: actingUserHasActiveConnection,
            connectedAddress: connectedAddress
        ).sender
    }

    /// The row of the table that applies (the same inputs as `choose`).
    public static func reason(
        kind: Kind, fromField: String?, actingUserHasActiveConnection: Bool, connectedAddress: String?
    ) -> Reason {
        guard actingUserHasActiveConnection else { return .noActiveConnection }
        switch kind {
        case .single:
            return .singleByConnectedUser
        case .workflow:
            return .workflow
        case .bulk:
            guard let from = fromAddress(fromField) else {
                return isBlank(fromField) ? .bulkWithEmptyFrom : .bulkFromOtherAddress
            }
            guard let connected = connectedAddress, from == connected.trimmingCharacters(in: .whitespaces).lowercased()
            else { return .bulkFromOtherAddress }
            return .bulkFromConnectedAddress
        }
    }

    private static func isBlank(_ field: String?) -> Bool {
        field?.allSatisfy(\.isWhitespace) ?? true
    }

    /// The address a From field names, lower case, or nil when it is blank or names none.
    private static func fromAddress(_ field: String?) -> String? {
        guard let field, !isBlank(field) else { return nil }
        let addresses = MailAddress.parseList(field)
        guard addresses.count == 1 else { return nil }
        return addresses[0].normalized
    }
}
