import Providers
import SyncCore

/// The configured mail providers, by the kind the tables store.
public struct ProviderRegistry: Sendable {
    private var providers: [String: any MailProvider] = [:]

    /// Registers providers by their own kind.
    public init(_ providers: [any MailProvider]) {
        for provider in providers { self.providers[provider.kind.rawValue] = provider }
    }

    /// The provider of a stored kind, if configured.
    public subscript(kind: SyncCore.ProviderKind) -> (any MailProvider)? {
        providers[kind.rawValue]
    }
}
