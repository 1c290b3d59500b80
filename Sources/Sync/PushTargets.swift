import Foundation
import Providers
import Store
import SyncCore

/// Where each provider pushes a mailbox's changes: Gmail to the Pub/Sub topic of its
/// configuration; Microsoft Graph to this service's webhooks, with a client state only this
/// service can make (``PushClientState``).
public struct PushTargets: Sendable {
    /// The service's public origin, e.g. `https://sync.example.com`.
    public let publicURL: String
    let keyring: Keyring

    /// Creates the targets for a service reachable at `publicURL`.
    public init(publicURL: String, keyring: Keyring) {
        self.publicURL = publicURL
        self.keyring = keyring
    }

    /// The push target of a mailbox.
    public func target(for kind: SyncCore.ProviderKind, mailboxID: UUID) -> PushTarget {
        switch kind {
        case .gmail:
            PushTarget()
        case .microsoft:
            PushTarget(
                notificationURL: publicURL + "/webhooks/microsoft",
                clientState: PushClientState.make(mailboxID: mailboxID, keyring: keyring),
                lifecycleNotificationURL: publicURL + "/webhooks/microsoft/lifecycle")
        }
    }
}
