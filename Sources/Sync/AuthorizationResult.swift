import Foundation

/// How an OAuth callback ended, in words the profile page can show.
public struct AuthorizationResult: Sendable, Hashable {
    /// Why connecting failed.
    public enum Failure: Sendable, Hashable {
        /// The state is unknown, forged, expired or already used.
        case invalidState
        /// The user declined on the provider's consent page.
        case consentDenied
        /// The user unticked permissions the sync needs.
        case missingScopes([String])
        /// The provider answered with an error.
        case providerError

        /// A stable code for URLs and logs.
        public var code: String {
            switch self {
            case .invalidState: "invalid_state"
            case .consentDenied: "consent_denied"
            case .missingScopes: "missing_scopes"
            case .providerError: "provider_error"
            }
        }

        /// Plain words for the profile page.
        public var message: String {
            switch self {
            case .invalidState: "This sign-in link has expired or was already used. Start connecting again."
            case .consentDenied: "You declined access, so no mailbox was connected."
            case .missingScopes:
                "Some permissions were not granted. Connect again and allow reading, changing and sending mail."
            case .providerError: "The mail provider reported an error. Try again in a few minutes."
            }
        }
    }

    /// What happened.
    public enum Outcome: Sendable, Hashable {
        /// A first connection was made.
        case connected
        /// The same provider account connected again: the sync resumes from its cursor.
        case restored
        /// Another provider account replaced the previous one ("update email").
        case updated
        /// Nothing was connected.
        case failed(Failure)
    }

    /// Where to send the user back, as given when connecting started.
    public var returnURL: String?
    /// What happened.
    public var outcome: Outcome
}

/// A connection's state as the profile shows it.
public struct ConnectionStatus: Sendable, Hashable {
    /// The connection.
    public var connection: SyncCore.Connection
    /// Its mailbox (address, provider).
    public var mailbox: SyncCore.Mailbox?
    /// The sub-account (BCC address, Labs flag).
    public var subAccount: SyncCore.SubAccount
}

import SyncCore
