import Metrics
import Providers
import SyncCore

/// `mailsync_provider_errors_total{provider, code}`: every provider call that failed, by the
/// typed error's code, so rate limits and expired grants show on a dashboard.
public enum ProviderErrorMetrics {
    /// Counts one failed provider call.
    public static func count(_ error: ProviderError, provider: SyncCore.ProviderKind) {
        Counter(label: "mailsync_provider_errors_total", dimensions: [("provider", provider.rawValue), ("code", "\(error.code)")])
            .increment()
    }
}
