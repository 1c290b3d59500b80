import Foundation
import Providers
import Store
import SyncCore

/// A mailbox as one sync job works on it: its active connections (the fan-out) and the
/// connection whose grant the provider calls use.
struct SyncTarget: Sendable {
    let mailbox: Mailbox
    let routes: [RoutingLookup.ConnectionRoute]
    let provider: any MailProvider
    let access: ConnectionRef
    let tokens: TokenManager<PostgresTokenStore>

    /// Runs one provider call with the chosen connection's current token; failures are counted.
    func call<T: Sendable>(_ body: @escaping @Sendable (any MailProvider, MailboxAccess) async throws -> T) async throws
        -> T
    {
        let provider = provider
        do {
            return try await tokens.withAccess(for: access, provider: provider) { try await body(provider, $0) }
        } catch let error as ProviderError {
            ProviderErrorMetrics.count(error, provider: mailbox.provider)
            throw error
        }
    }
}
